/**
 * `tracing`: one OpenTelemetry span per request (kind SERVER), as nova's `osprofiler`
 * filter traced requests. Off unless configured, as osprofiler is: option `enabled`
 * (`[filter:osprofiler] enabled = true`, or `[profiler] enabled` in wharf.conf); when on,
 * the host container must hold a TracerProvider under `TRACER_PROVIDER` (tracer.ts).
 *
 * The span is named after the method, carries `http.request.method`, `url.path`,
 * `http.response.status_code`, `wharf.request_id`, `wharf.microversion` and
 * `wharf.extension` (the extension that owned the route), and has status ERROR for a 5xx
 * or a response that never finished (the client went away).
 */
import type { RequestHandler } from 'express';
import { getContext } from '../context.js';
import { ConfigError } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { FilterOptions } from './filter-options.js';
import {
  SPAN_KIND_SERVER,
  SPAN_STATUS_ERROR,
  TRACER_PROVIDER,
  type TracerProvider
} from './tracer.js';

/** Instrumentation name of wharf's tracer. */
export const TRACER_NAME = 'wharf';

/** Factory of the `tracing` filter. */
export const tracingFilter: FilterFactory = (context): RequestHandler => {
  const { container } = context;
  if (!FilterOptions.of('tracing', context, 'profiler').boolean('enabled', false)) {
    return function tracingOff(_req, _res, next) {
      next();
    };
  }
  if (!container.isRegistered(TRACER_PROVIDER, true)) {
    throw new ConfigError(
      'filter tracing: enabled, but the host container holds no TracerProvider under TRACER_PROVIDER'
    );
  }
  const tracer = container.resolve<TracerProvider>(TRACER_PROVIDER).getTracer(TRACER_NAME);
  return function tracing(req, res, next) {
    const path = req.originalUrl.split('?', 1)[0]!;
    const span = tracer.startSpan(req.method, {
      kind: SPAN_KIND_SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': path }
    });
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      const requestContext = getContext(req);
      span.setAttribute('http.response.status_code', res.statusCode);
      span.setAttribute('wharf.request_id', requestContext.requestId);
      if (requestContext.apiVersion)
        span.setAttribute('wharf.microversion', requestContext.apiVersion.toString());
      if (requestContext.extension) span.setAttribute('wharf.extension', requestContext.extension);
      if (res.statusCode >= 500 || !res.writableFinished)
        span.setStatus({ code: SPAN_STATUS_ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };
};
tracingFilter.options = ['enabled'];
