/**
 * The tracing interface the `tracing` filter writes spans to: the part of the
 * OpenTelemetry API (`@opentelemetry/api`) it uses, declared here so wharf needs no
 * dependency on it. An OpenTelemetry `TracerProvider` satisfies `TracerProvider`
 * structurally: register one in the host container under `TRACER_PROVIDER`
 * (`container.register(TRACER_PROVIDER, { useValue: trace.getTracerProvider() })`).
 */

/** Attribute values a span accepts. */
export type SpanAttributeValue = string | number | boolean;

/** OpenTelemetry's `SpanKind.SERVER`. */
export const SPAN_KIND_SERVER = 1;
/** OpenTelemetry's `SpanStatusCode.ERROR`. */
export const SPAN_STATUS_ERROR = 2;

/** One span: attributes, a status, an end. */
export interface TraceSpan {
  setAttribute(key: string, value: SpanAttributeValue): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** Starts spans. */
export interface Tracer {
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: Record<string, SpanAttributeValue> }
  ): TraceSpan;
}

/** Hands out tracers by instrumentation name. */
export interface TracerProvider {
  getTracer(name: string, version?: string): Tracer;
}

/** Container token of the host's TracerProvider. */
export const TRACER_PROVIDER = Symbol.for('wharf.token.tracer-provider');
