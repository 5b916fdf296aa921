/**
 * Scenario (d), overload: the host capped at `[wsgi] max_concurrent_requests = 5`, a
 * request waiting at most `[wsgi] max_queue_wait = 0.1` s for a slot, takes 200 keep-alive
 * connections sending back to back for a few seconds. It must refuse early
 * (some 503s with Retry-After), fail nothing else (no socket errors, no other 5xx), and
 * keep the latency of the requests it admits bounded.
 */
import { givenServedHost } from '../tests/helpers/served-host.js';
import { percentile, startLoad } from './keep-alive-load.js';
import { rowsOf, type ChaosRow, type Scenario } from './report.js';

const CAP = 5;
/** Seconds a request may wait for a slot: short, so that this load is refused in part. */
const QUEUE_WAIT_S = 0.1;
const CONNECTIONS = 200;
const LOAD_MS = 5000;
/** The bound on the p99 latency of admitted requests (a fair margin on a shared machine). */
const ADMITTED_P99_MS = 1000;

/** The overload scenario. */
export const overload: Scenario = {
  name: 'overload',
  async run(log): Promise<ChaosRow[]> {
    const row = rowsOf(`overload, cap ${CAP}, ${CONNECTIONS} connections`);
    const host = await givenServedHost({
      conf: { wsgi: { max_concurrent_requests: String(CAP), max_queue_wait: String(QUEUE_WAIT_S) } }
    });
    try {
      const load = startLoad({
        port: host.port,
        connections: CONNECTIONS,
        path: '/v2.1/flavors/detail',
        headers: { 'x-auth-token': 'chaos:chaos' },
        timeoutMs: 30_000
      });
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
      const outcomes = await load.stop();
      const admitted = outcomes.filter((outcome) => outcome.status === 200);
      const refused = outcomes.filter((outcome) => outcome.status === 503).length;
      const errors = outcomes.filter(
        (outcome) =>
          outcome.error !== undefined || (outcome.status !== 200 && outcome.status !== 503)
      ).length;
      const p99 = percentile(
        admitted.map((outcome) => outcome.latencyMs),
        99
      );
      log(
        `overload: ${outcomes.length} requests, ${refused} refused, p99 admitted ${p99.toFixed(0)} ms`
      );
      return [
        row('requests', outcomes.length, '-', null),
        row('refused with 503', refused, '> 0', refused > 0),
        row('errors (socket errors, other statuses)', errors, '0', errors === 0),
        row(
          'p99 latency of admitted requests, ms',
          Math.round(p99),
          `<= ${ADMITTED_P99_MS}`,
          p99 <= ADMITTED_P99_MS
        ),
        row('host still running', host.alive() ? 'yes' : 'no', 'yes', host.alive())
      ];
    } finally {
      await host.stop('SIGKILL');
    }
  }
};
