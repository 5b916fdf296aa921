/**
 * OpenTelemetry's own SDK recording spans in memory: a BasicTracerProvider whose spans go,
 * as each ends, to an InMemorySpanExporter the test reads.
 */
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan
} from '@opentelemetry/sdk-trace-base';

/** A provider to register as `TRACER_PROVIDER` and the spans it finished. */
export interface SpanRecorder {
  provider: BasicTracerProvider;
  /** The finished spans, in the order they ended. */
  spans(): ReadableSpan[];
  /** Forgets the spans recorded so far. */
  reset(): void;
}

/** A fresh recorder. */
export function givenSpanRecorder(): SpanRecorder {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return {
    provider,
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset()
  };
}

/** Whether `child` was started as a child of `parent`. */
export function isChildOf(child: ReadableSpan, parent: ReadableSpan): boolean {
  return child.parentSpanContext?.spanId === parent.spanContext().spanId;
}
