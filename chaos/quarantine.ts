/**
 * Scenario (c), runtime quarantine of a faulty extension: a drop-in extension
 * (fixtures/faulty-extension) faults on every `GET /chaos-faulty/{id}` while other clients
 * use the bundled routes. After `[extensions] quarantine_threshold` faults in
 * `quarantine_window` seconds its routes answer 503 with Retry-After; the other routes
 * never fail; after `quarantine_cooldown` seconds it is released and its healthy route
 * answers again.
 */
import { fileURLToPath } from 'node:url';
import { givenServedHost } from '../tests/helpers/served-host.js';
import { rowsOf, type ChaosRow, type Scenario } from './report.js';

const THRESHOLD = 5;
const COOLDOWN_S = 3;
const FAULTY_CALLS = 20;
const TOKEN = { 'x-auth-token': 'chaos:chaos' };
/** The fixture's source folder (plain JavaScript, copied to dist/ by the build). */
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function status(
  url: string,
  path: string
): Promise<{ status: number; retryAfter: string | null }> {
  const response = await fetch(`${url}${path}`, { headers: TOKEN });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

/** The quarantine scenario. */
export const quarantine: Scenario = {
  name: 'quarantine',
  async run(log): Promise<ChaosRow[]> {
    const row = rowsOf('quarantine');
    const host = await givenServedHost({
      conf: {
        extensions: {
          dropin_dirs: FIXTURES,
          quarantine_threshold: String(THRESHOLD),
          quarantine_window: '60',
          quarantine_cooldown: String(COOLDOWN_S)
        }
      }
    });
    try {
      let others = 0;
      let otherFailures = 0;
      const faulty: { status: number; retryAfter: string | null }[] = [];
      for (let call = 0; call < FAULTY_CALLS; call += 1) {
        faulty.push(await status(host.url, `/v2.1/chaos-faulty/boom-${call}`));
        for (const path of ['/v2.1/flavors', '/v2.1/servers', '/v2.1/extensions', '/healthcheck']) {
          others += 1;
          if ((await status(host.url, path)).status !== 200) otherFailures += 1;
        }
      }
      const faults = faulty.filter((answer) => answer.status === 500).length;
      const refused = faulty.filter((answer) => answer.status === 503);
      const withRetryAfter = refused.filter((answer) => answer.retryAfter !== null).length;
      const listDuring = await status(host.url, '/v2.1/chaos-faulty');
      await new Promise((resolve) => setTimeout(resolve, (COOLDOWN_S + 0.5) * 1000));
      const listAfter = await status(host.url, '/v2.1/chaos-faulty');
      log(`quarantine: ${refused.length} of ${FAULTY_CALLS} faulty calls refused with 503`);
      return [
        row(
          'faulty calls answered 500 (faults counted)',
          faults,
          `${THRESHOLD}`,
          faults === THRESHOLD
        ),
        row(
          'faulty calls answered 503 (quarantined)',
          refused.length,
          `${FAULTY_CALLS - THRESHOLD}`,
          refused.length === FAULTY_CALLS - THRESHOLD
        ),
        row(
          '503s carrying Retry-After',
          `${withRetryAfter}/${refused.length}`,
          'all',
          refused.length > 0 && withRetryAfter === refused.length
        ),
        row(
          'healthy route of the extension while quarantined',
          listDuring.status,
          '503',
          listDuring.status === 503
        ),
        row(`failures on other routes (of ${others})`, otherFailures, '0', otherFailures === 0),
        row('healthy route after the cool-down', listAfter.status, '200', listAfter.status === 200),
        row('host still running', host.alive() ? 'yes' : 'no', 'yes', host.alive())
      ];
    } finally {
      await host.stop('SIGKILL');
    }
  }
};
