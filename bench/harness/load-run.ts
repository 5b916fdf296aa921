/**
 * One load run with autocannon against a local server: a fixed number of connections for
 * a bounded time and a bounded number of requests, whichever ends first.
 */
import autocannon from 'autocannon';
import { BENCH_HOST } from '../servers/announce.js';
import type { BenchRequest } from './bench-request.js';

/** The shape of one load run. */
export interface LoadShape {
  connections: number;
  durationSeconds: number;
  /** Stop after this many requests even if time is left. */
  maxRequests: number;
}

/** What one load run measured. */
export interface LoadSample {
  /**
   * Successful (2xx) answers per second over the run's real duration: a refusal (a 503 of
   * the host's admission control under overload, say) is cheap and must not count as
   * throughput.
   */
  requestsPerSecond: number;
  /** Every answer, refusals included. */
  requests: number;
  /** The 2xx answers among them. */
  succeeded: number;
  seconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Connection errors, timeouts included. */
  errors: number;
  /** Answers whose status was not 2xx. */
  non2xx: number;
}

/** Sends `request` again and again to 127.0.0.1:`port` with the given shape. */
export async function runLoad(
  port: number,
  request: BenchRequest,
  shape: LoadShape
): Promise<LoadSample> {
  const result = await autocannon({
    url: `http://${BENCH_HOST}:${port}${request.path}`,
    method: request.method,
    headers: { ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
    connections: shape.connections,
    duration: shape.durationSeconds,
    maxOverallRequests: shape.maxRequests,
    timeout: 10
  });
  const seconds = result.duration;
  const succeeded = result.requests.total - result.non2xx;
  return {
    requestsPerSecond: succeeded / seconds,
    requests: result.requests.total,
    succeeded,
    seconds,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx
  };
}
