/**
 * `[profiler]`, declared beside the code that reads it: the `tracing` filter (tracing.ts). Registered as the
 * entry point `wharf.config.options: profiler` (entry-points.json), the way a plugin
 * registers its options; read typed with `PROFILER_OPTIONS.of(config).profiler`.
 */
import { defineOptions } from '../option-group.js';

/** The options of `[profiler]`. */
export const PROFILER_OPTIONS = defineOptions('wharf', [
  {
    section: 'profiler',
    name: 'enabled',
    type: 'bool',
    default: false,
    help: "Trace requests: the `tracing` filter (nova's `osprofiler`) writes an OpenTelemetry span per request and one per extension step, to the globally registered OpenTelemetry SDK or the TracerProvider the embedding program registers (docs/pipeline.md)."
  }
]);
