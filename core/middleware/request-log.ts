/**
 * `request_log`: one log line per request, written when the response finishes, in nova's
 * shape (`"GET /v2.1/servers" status: 200 len: 15 microversion: 2.1 time: 0.012`) with the
 * same facts as fields: method, path, status, length, timeMs, microversion, requestId,
 * extension, remoteAddress (the client address: the socket's peer, or the client a trusted
 * proxy reported).
 *
 * Option `level` (default `info`): the winston level of the line.
 */
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler } from 'express';
import winston from 'winston';
import { getContext } from '../context.js';
import type { FilterFactory } from '../pipeline/types.js';
import { clientAddress } from './client-address.js';
import { FilterOptions } from './filter-options.js';

const STARTED = Symbol('wharf.request-log.started');

type Timed = ServerResponse & { [STARTED]?: number };

const LEVELS = Object.keys(winston.config.npm.levels);

/** Factory of the `request_log` filter. */
export const requestLogFilter: FilterFactory = (context): RequestHandler => {
  const { logger } = context;
  const level = FilterOptions.of('request_log', context).choice('level', LEVELS, 'info');

  // Runs as the `finish` listener: `this` is the response, so no closure per request.
  function logRequest(this: Timed): void {
    if (!logger.isLevelEnabled(level)) return;
    const req = this.req as Request;
    const context = getContext(req);
    const timeMs = Math.round((performance.now() - (this[STARTED] ?? 0)) * 1000) / 1000;
    const lengthHeader = this.getHeader('content-length');
    const length = lengthHeader === undefined ? null : Number(lengthHeader);
    const path = req.originalUrl ?? req.url;
    const microversion = context.apiVersion === null ? null : context.apiVersion.toString();
    const remoteAddress = clientAddress(req) || null;
    logger.log(
      level,
      `${remoteAddress ?? '-'} "${req.method} ${path}" status: ${this.statusCode} ` +
        `len: ${length ?? '-'} microversion: ${microversion ?? '-'} time: ${(timeMs / 1000).toFixed(4)}`,
      {
        method: req.method,
        path,
        status: this.statusCode,
        length,
        timeMs,
        microversion,
        requestId: context.requestId,
        extension: context.extension,
        remoteAddress
      }
    );
  }

  return function requestLog(_req, res, next) {
    (res as Timed)[STARTED] = performance.now();
    // 'finish' is emitted once; `on` spares the wrapper `once` allocates per request.
    res.on('finish', logRequest);
    next();
  };
};
