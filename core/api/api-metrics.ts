/**
 * Per-extension Prometheus metrics of one API (prom-client), in a registry of its own:
 *
 * - `wharf_requests_total`, `wharf_request_errors_total` (status 5xx) and the latency
 *   histogram `wharf_request_duration_seconds`, labelled with the API the request came in
 *   through (its name in `[DEFAULT] enabled_apis`), the route (its path template,
 *   `unmatched` when none matched), method, status and owning extension;
 * - `wharf_processor_duration_seconds`: time in pre- and post-processors, per extension and
 *   phase;
 * - `wharf_extension_quarantined` (1 while quarantined) and `wharf_extension_faults_total`,
 *   read from the router's ExtensionHealth when scraped;
 * - prom-client's default metrics: event-loop delay, heap, CPU, handles, process start time.
 *
 * Label values come from the routing table and the extension set, never from the request,
 * so their number is bounded. The request and processor metrics are counted in series tables
 * (series-table.ts: a series found by one key, no per-call label checks) and exposed through
 * the registry as prom-client's own metrics would be.
 */
import { shareWithPrimary } from './cluster-metrics.js';
import type { ExtensionHealth } from './extension-health.js';
import { Gauge, Registry, collectDefaultMetrics } from './prom-client-parts.js';
import { registerCounter, registerHistogram, SeriesTable } from './series-table.js';

/** The metrics of one API router. */
export class ApiMetrics {
  /** The registry `/metrics` serves. */
  readonly registry = new Registry();
  /** Every answered request, by API, route, method, status and extension. */
  private readonly requests = new SeriesTable(
    ['api', 'route', 'method', 'status', 'extension'],
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
  );
  /** Time in pre- and post-processors, by extension and phase. */
  private readonly processors = new SeriesTable(
    ['extension', 'phase'],
    [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5]
  );

  /** @param extensions the aliases whose health is reported; @param health where it is */
  constructor(extensions: () => readonly string[], health: ExtensionHealth) {
    const registers = [this.registry];
    registerCounter(this.registry, this.requests, {
      name: 'wharf_requests_total',
      help: 'API requests answered, by API, route, method, status and owning extension.'
    });
    registerCounter(
      this.registry,
      this.requests,
      {
        name: 'wharf_request_errors_total',
        help: 'API requests answered with a 5xx status.'
      },
      (series) => Number(series.labels.status) >= 500
    );
    registerHistogram(this.registry, this.requests, {
      name: 'wharf_request_duration_seconds',
      help: 'Time from routing to the response finishing.'
    });
    registerHistogram(this.registry, this.processors, {
      name: 'wharf_processor_duration_seconds',
      help: 'Time in pre- and post-processors, by extension and phase.'
    });
    new Gauge({
      name: 'wharf_extension_quarantined',
      help: '1 while the extension is quarantined after repeated faults, else 0.',
      labelNames: ['extension'],
      registers,
      collect() {
        for (const alias of extensions())
          this.set({ extension: alias }, health.isQuarantined(alias) ? 1 : 0);
      }
    });
    new Gauge({
      name: 'wharf_extension_faults_total',
      help: 'Faults counted against the extension since the host started.',
      labelNames: ['extension'],
      registers,
      collect() {
        for (const alias of extensions())
          this.set({ extension: alias }, health.view(alias).faultsTotal);
      }
    });
    collectDefaultMetrics({ register: this.registry });
    shareWithPrimary(this.registry);
  }

  /** Counts one answered request of the API `api` that took `seconds`. */
  observeRequest(
    api: string,
    route: string,
    method: string,
    status: number,
    extension: string,
    seconds: number
  ): void {
    const series = this.requests.seriesOf([api, route, method, status, extension]);
    this.requests.record(series, seconds);
  }

  /** Records the time one pre- or post-processor of `extension` took. */
  observeProcessor(extension: string, phase: 'pre' | 'post', seconds: number): void {
    const series = this.processors.seriesOf([extension, phase]);
    this.processors.record(series, seconds);
  }
}
