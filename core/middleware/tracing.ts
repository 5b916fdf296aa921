/**
 * `tracing`: OpenTelemetry spans for every request, as nova's `osprofiler` filter traced
 * requests. Off unless configured, as osprofiler is: option `enabled`
 * (`[filter:osprofiler] enabled = true`, or `[profiler] enabled` in wharf.conf); when on, a
 * TracerProvider must be there (tracer.ts), else start-up stops.
 *
 * - One span per request (kind SERVER), named after the method, with `http.request.method`,
 *   `url.path`, `http.response.status_code`, `wharf.request_id`, `wharf.microversion` and
 *   `wharf.extension` (the extension that answered), status ERROR for a 5xx or a response
 *   that never finished (the client went away).
 * - One child span per extension step the API runs for it (pre-processor, handler,
 *   post-processor: `Controller.method`, kind INTERNAL, `wharf.extension` its owner, ERROR
 *   when it threw), through the request context's `traceStep`.
 * - The rest of the chain runs with the request span active, so spans an extension starts
 *   itself are its children when a context manager is registered.
 */
import {
  context as otelContext,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type Tracer
} from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { getContext, type StepTracer } from '../context.js';
import { ConfigError } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { FilterOptions } from './filter-options.js';
import { PROFILER_OPTIONS } from './tracing-options.js';
import { tracerProviderOf } from './tracer.js';

/** Instrumentation name of wharf's tracer. */
export const TRACER_NAME = 'wharf';

/** Factory of the `tracing` filter. */
export const tracingFilter: FilterFactory = (context): RequestHandler => {
  if (!FilterOptions.of('tracing', context, PROFILER_OPTIONS.specs).get('enabled')) {
    return function tracingOff(_req, _res, next) {
      next();
    };
  }
  const provider = tracerProviderOf(context.container);
  if (provider === null) {
    throw new ConfigError(
      'filter tracing: enabled, but there is no TracerProvider: register an OpenTelemetry SDK ' +
        '(provider.register()) or one in the host container under TRACER_PROVIDER'
    );
  }
  const tracer = provider.getTracer(TRACER_NAME);
  return function tracing(req, res, next) {
    const path = req.originalUrl.split('?', 1)[0]!;
    const span = tracer.startSpan(req.method, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': path }
    });
    const requestContext = getContext(req);
    const active = trace.setSpan(otelContext.active(), span);
    requestContext.traceStep = stepTracer(tracer, active);
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      span.setAttribute('wharf.request_id', requestContext.requestId);
      if (requestContext.apiVersion)
        span.setAttribute('wharf.microversion', requestContext.apiVersion.toString());
      if (requestContext.extension) span.setAttribute('wharf.extension', requestContext.extension);
      if (res.statusCode >= 500 || !res.writableFinished)
        span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    otelContext.with(active, next);
  };
};
tracingFilter.options = FilterOptions.names(PROFILER_OPTIONS.specs);

/** Starts the child spans of one request's steps under `parent`. */
function stepTracer(tracer: Tracer, parent: ReturnType<typeof trace.setSpan>): StepTracer {
  return (name, extension) => {
    const span: Span = tracer.startSpan(
      name,
      { kind: SpanKind.INTERNAL, attributes: { 'wharf.extension': extension } },
      parent
    );
    return {
      end(error?: unknown) {
        if (error !== undefined) {
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: error instanceof Error ? error.message : String(error)
          });
        }
        span.end();
      }
    };
  };
}
