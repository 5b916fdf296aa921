/**
 * Metrics across worker processes (`--workers N`). A scrape reaches one worker, which asks
 * its primary over the cluster IPC channel; the primary collects every live worker's
 * registries with prom-client's AggregatorRegistry (counters and histograms summed, the
 * defaults as prom-client aggregates them) and answers with the exposition text. Outside a
 * cluster, or when the primary does not answer in time, the worker's own metrics are served.
 */
import cluster from 'node:cluster';
import type { AggregatorRegistry, Registry, RegistryContentType } from 'prom-client';
import { aggregatorRegistry } from './prom-client-parts.js';

/** A worker's request for the aggregate. */
interface ScrapeRequest {
  readonly wharf: 'metrics-request';
  readonly id: number;
}

/** The primary's answer: the exposition text, or why there is none. */
interface ScrapeResponse {
  readonly wharf: 'metrics-response';
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

/** How long a worker waits for the primary's aggregate. */
const SCRAPE_TIMEOUT_MS = 10_000;

const shared: Registry[] = [];
const waiting = new Map<number, (response: ScrapeResponse) => void>();
let nextId = 0;
let answering = false;

/** In a worker: offers `registry` to the primary's aggregation. Elsewhere does nothing. */
export function shareWithPrimary(registry: Registry): void {
  if (!cluster.isWorker) return;
  // Constructing one installs prom-client's listener answering the primary's collection.
  const Aggregator = aggregatorRegistry();
  if (shared.length === 0) new Aggregator();
  shared.push(registry);
  Aggregator.setRegistries(shared);
}

/**
 * The exposition text `/metrics` serves: in a worker under a primary, the aggregate of every
 * worker; otherwise (or when the primary fails to answer) `registry`'s own.
 */
export async function scrape(registry: Registry): Promise<string> {
  if (!cluster.isWorker || !process.connected) return registry.metrics();
  const response = await askPrimary();
  return response.text ?? registry.metrics();
}

function askPrimary(): Promise<ScrapeResponse> {
  if (!answering) {
    answering = true;
    process.on('message', (message: unknown) => {
      const response = message as Partial<ScrapeResponse> | null;
      if (response?.wharf === 'metrics-response')
        waiting.get(response.id!)?.(response as ScrapeResponse);
    });
  }
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => settle({ wharf: 'metrics-response', id, error: 'timeout' }),
      SCRAPE_TIMEOUT_MS
    );
    timer.unref();
    function settle(response: ScrapeResponse): void {
      clearTimeout(timer);
      waiting.delete(id);
      resolve(response);
    }
    waiting.set(id, settle);
    process.send!({ wharf: 'metrics-request', id } satisfies ScrapeRequest);
  });
}

/** In the primary: answers the scrape requests of `worker` with the aggregate of all workers. */
export function answerScrapes(worker: {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  send(message: ScrapeResponse): unknown;
  isConnected(): boolean;
}): void {
  const aggregator = primaryAggregator();
  worker.on('message', (message: unknown) => {
    const request = message as Partial<ScrapeRequest> | null;
    if (request?.wharf !== 'metrics-request') return;
    const id = request.id!;
    aggregator.clusterMetrics().then(
      (text: string) =>
        worker.isConnected() && worker.send({ wharf: 'metrics-response', id, text }),
      (error: Error) =>
        worker.isConnected() && worker.send({ wharf: 'metrics-response', id, error: error.message })
    );
  });
}

let aggregator: AggregatorRegistry<RegistryContentType> | undefined;

function primaryAggregator(): AggregatorRegistry<RegistryContentType> {
  aggregator ??= new (aggregatorRegistry())();
  return aggregator;
}
