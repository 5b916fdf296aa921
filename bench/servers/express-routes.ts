/**
 * Baseline: bare Express 5 with many flat routes (`/v2.1/collectionNNNN/:id`, the widgets
 * route ten from the end). Express's router tries its layers one by one, so this measures
 * what the route count costs it. Argument: the route count (default 1000).
 */
import { createServer } from 'node:http';
import express from 'express';
import { listenAndAnnounce } from './announce.js';
import { collectionNames, routeCountArgument, widgetBody } from './widget-api.js';

const app = express();
for (const collection of collectionNames(routeCountArgument())) {
  app.get(`/v2.1/${collection}/:id`, (request, response) => {
    response.json(collection === 'widgets' ? widgetBody(request.params.id) : { collection });
  });
}

await listenAndAnnounce(createServer(app));
