/**
 * Retrying a SQLite step that fails with SQLITE_BUSY before the busy handler could wait.
 * busy_timeout makes a connection wait for another one's lock, but SQLite skips the wait
 * where waiting could deadlock: a connection that already holds a read lock and needs the
 * write lock gets SQLITE_BUSY at once. `PRAGMA journal_mode = WAL` on a file still in
 * rollback mode is such a step (it reads the header, then takes the write lock to rewrite
 * it), so two processes turning on WAL in one new file at the same moment (`wharf serve
 * --workers 2` on its first start) had one of them fail with "database is locked". The
 * statement holds no lock once it has failed, so running it again is safe.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The pauses between attempts, in ms: the schedule of SQLite's own busy handler. */
const PAUSES_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/** Whether `error` is SQLite's SQLITE_BUSY or one of its extended codes (SQLITE_BUSY_*). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, pausing between attempts (1, 2, 5,
 * ... then 100 ms), for at most `timeoutMs` in all, the connection's busy_timeout. Past it
 * the last error is thrown wrapped, its message naming `step` and the time waited (the
 * SQLite error is the `cause`); any other error is thrown as it is.
 */
export async function retryWhileBusy<T>(
  step: string,
  timeoutMs: number,
  attempt: () => T
): Promise<T> {
  const started = Date.now();
  for (let tries = 0; ; tries++) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      const waited = Date.now() - started;
      if (waited >= timeoutMs) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${step}: ${reason} (still busy after ${waited} ms)`, { cause: error });
      }
      const pause = PAUSES_MS[Math.min(tries, PAUSES_MS.length - 1)]!;
      await sleep(Math.min(pause, timeoutMs - waited));
    }
  }
}
