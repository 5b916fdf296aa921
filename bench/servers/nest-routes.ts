/**
 * Baseline: NestJS on its Express adapter with many routes, one generated controller per
 * collection (`@Controller('v2.1/collectionNNNN')` with `@Get(':id')`), the widgets
 * controller ten from the end. Argument: the route count (default 1000).
 */
import 'reflect-metadata';
import { Controller, Get, Module, Param, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { announceListening, BENCH_HOST, boundPort } from './announce.js';
import { collectionNames, routeCountArgument, widgetBody } from './widget-api.js';

/** Builds the controller of one collection, applying Nest's decorators by hand. */
function collectionController(collection: string): Type<unknown> {
  const controller = class {
    show(id: string): unknown {
      return collection === 'widgets' ? widgetBody(id) : { collection };
    }
  };
  Object.defineProperty(controller, 'name', { value: `${collection}Controller` });
  const show = Object.getOwnPropertyDescriptor(controller.prototype, 'show')!;
  Param('id')(controller.prototype, 'show', 0);
  Get(':id')(controller.prototype, 'show', show);
  Controller(`v2.1/${collection}`)(controller);
  return controller;
}

const controllers = collectionNames(routeCountArgument()).map(collectionController);
const appModule = class {};
Object.defineProperty(appModule, 'name', { value: 'BenchModule' });
Module({ controllers })(appModule);

const app = await NestFactory.create(appModule, new ExpressAdapter(), { logger: false });
await app.listen(0, BENCH_HOST);
announceListening(boundPort(app.getHttpServer() as Server));
