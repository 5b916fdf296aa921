/**
 * Scenario (b), SIGTERM under keep-alive load: 20, 50 and 100 keep-alive connections send
 * requests back to back, the host gets SIGTERM in the middle, and the connections go on
 * until the host no longer listens. A request that was sent and then cut (ECONNRESET,
 * socket hang up) is a reset; one never answered within the time-out is unanswered; the
 * host must exit 0 (it finished draining).
 */
import { givenServedHost } from '../tests/helpers/served-host.js';
import { NOT_ACCEPTED, startLoad, type Outcome } from './keep-alive-load.js';
import { rowsOf, type ChaosRow, type Scenario } from './report.js';

const CONNECTION_COUNTS = [20, 50, 100];
const LOAD_BEFORE_SIGNAL_MS = 1000;
const STOP_TIMEOUT_MS = 30_000;

const isReset = (outcome: Outcome): boolean =>
  outcome.error === 'ECONNRESET' || outcome.error === 'EPIPE' || outcome.error === 'socket hang up';

async function drainUnder(connections: number, log: (line: string) => void): Promise<ChaosRow[]> {
  const row = rowsOf(`SIGTERM, ${connections} keep-alive`);
  const host = await givenServedHost();
  const load = startLoad({
    port: host.port,
    connections,
    path: '/v2.1/flavors/detail',
    headers: { 'x-auth-token': 'chaos:chaos' },
    timeoutMs: STOP_TIMEOUT_MS
  });
  await new Promise((resolve) => setTimeout(resolve, LOAD_BEFORE_SIGNAL_MS));
  const exited = host.stop('SIGTERM');
  const timer = setTimeout(() => host.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  // Loops still running after the exit get ECONNREFUSED on their next connect and end.
  const outcomes = await load.finished;
  const answered = outcomes.filter((outcome) => outcome.status !== undefined).length;
  const resets = outcomes.filter(isReset).length;
  const unanswered = outcomes.filter((outcome) => outcome.error === 'timeout').length;
  const notAccepted = outcomes.filter((outcome) => outcome.error === NOT_ACCEPTED).length;
  const other = outcomes.filter(
    (outcome) =>
      outcome.error !== undefined &&
      !isReset(outcome) &&
      outcome.error !== 'timeout' &&
      outcome.error !== 'ECONNREFUSED' &&
      outcome.error !== NOT_ACCEPTED
  );
  log(`SIGTERM ${connections}: ${answered} answered, ${resets} resets, exit ${String(code)}`);
  return [
    row('requests answered', answered, '-', null),
    row('resets', resets, '0', resets === 0),
    row('new connections refused (never accepted)', notAccepted, '-', null),
    row('unanswered', unanswered, '0', unanswered === 0),
    row(
      'other errors',
      other.length === 0 ? 0 : `${other.length} (${other[0]!.error})`,
      '0',
      other.length === 0
    ),
    row('exit status', String(code), '0', code === 0)
  ];
}

/** The SIGTERM-under-load scenario. */
export const sigtermDrain: Scenario = {
  name: 'SIGTERM',
  async run(log): Promise<ChaosRow[]> {
    const rows: ChaosRow[] = [];
    for (const connections of CONNECTION_COUNTS) rows.push(...(await drainUnder(connections, log)));
    return rows;
  }
};
