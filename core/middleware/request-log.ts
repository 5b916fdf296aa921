/**
 * `request_log`: one log line per request, written when the response finishes, in nova's
 * shape (`127.0.0.1 "GET /v2.1/servers" status: 200 len: 15 microversion: 2.1 time: 0.0120`)
 * with the same facts as fields: method, path, status, length, timeMs, microversion,
 * requestId, extension, remoteAddress (the client address: the socket's peer, or the client
 * a trusted proxy reported).
 *
 * Options (request-log-options.ts): `level` (default `info`), the winston level of the
 * line; `wsgi_log_format` (default `[wsgi] wsgi_log_format`), the line's text, as nova's
 * option (log-format.ts).
 */
import { isWarmUpRequest } from '../http/warm-up-requests.js';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler } from 'express';
import { getContext } from '../context.js';
import { lineWriter } from '../logger.js';
import type { FilterFactory } from '../pipeline/types.js';
import { clientAddress } from './client-address.js';
import { FilterOptions } from './filter-options.js';
import { compileLogFormat } from './log-format.js';
import { REQUEST_LOG_OPTIONS } from './request-log-options.js';
import { requestLineJson, type RequestLineFields } from './request-line-json.js';

const STARTED = Symbol('wharf.request-log.started');

type Timed = ServerResponse & { [STARTED]?: number };

/** Factory of the `request_log` filter. */
export const requestLogFilter: FilterFactory = (context): RequestHandler => {
  const { logger } = context;
  const writeLine = lineWriter(logger);
  const options = FilterOptions.of('request_log', context, REQUEST_LOG_OPTIONS);
  const level = options.get('level');
  const format = options.get('wsgi_log_format');
  const formatLine = compileLogFormat(format, (expected) =>
    options.fail('wsgi_log_format', format, `expected ${expected}`)
  );

  // winston's `isLevelEnabled` walks the levels and the transports (a closure per call);
  // its answer only changes with the logger's level, so it is asked again only then.
  let checkedAt: string | undefined;
  let enabled = false;
  const lineEnabled = (): boolean => {
    if (logger.level !== checkedAt) {
      checkedAt = logger.level;
      enabled = logger.isLevelEnabled(level);
    }
    return enabled;
  };

  // Runs as the `finish` listener: `this` is the response, so no closure per request.
  function logRequest(this: Timed): void {
    if (!lineEnabled() || isWarmUpRequest(this.req)) return;
    const req = this.req as Request;
    const context = getContext(req);
    const elapsedMs = performance.now() - (this[STARTED] ?? 0);
    const timeMs = Math.round(elapsedMs * 1000) / 1000;
    const lengthHeader = this.getHeader('content-length');
    const length = lengthHeader === undefined ? null : Number(lengthHeader);
    const path = req.originalUrl ?? req.url;
    const microversion = context.apiVersion === null ? null : context.apiVersion.toString();
    const remoteAddress = clientAddress(req) || null;
    const message = formatLine({
      clientIp: remoteAddress,
      method: req.method,
      path,
      httpVersion: req.httpVersion,
      statusCode: this.statusCode,
      bodyLength: length,
      wallSeconds: elapsedMs / 1000,
      microversion,
      requestId: context.requestId,
      extension: context.extension
    });
    // The fields, then level and message (the key order winston's `log(level, message,
    // meta)` gives), written straight through the root logger's format and transport (no
    // splat scan, no copy of the fields, no stream per line), their JSON by a serializer
    // made for them.
    const fields: RequestLineFields = {
      method: req.method,
      path,
      status: this.statusCode,
      length,
      timeMs,
      microversion,
      requestId: context.requestId,
      extension: context.extension,
      remoteAddress
    };
    writeLine(level, message, fields, requestLineJson);
  }

  return function requestLog(_req, res, next) {
    (res as Timed)[STARTED] = performance.now();
    // 'finish' is emitted once; `on` spares the wrapper `once` allocates per request.
    res.on('finish', logRequest);
    next();
  };
};
requestLogFilter.options = FilterOptions.names(REQUEST_LOG_OPTIONS);
