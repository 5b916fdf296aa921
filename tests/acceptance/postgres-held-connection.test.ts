/**
 * A pool connection held (checked out) when PostgreSQL goes away: pg emits the connection's
 * `error` on the client itself, not on the pool, and an `error` event nobody listens to
 * stops the process. The pool keeps a listener on every client it hands out, so the host
 * lives on, logs the outage once, and the held client's next query is a 503 fault. Skipped
 * with the reason when PostgreSQL is missing, except under CI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_POOL_OPTIONS,
  openPostgresPool
} from '../../extensions/compute/db/postgres-pool.js';
import { DatabaseUnavailable } from '../../extensions/compute/errors.js';
import { givenCapturedLogger } from '../helpers/capture-logger.js';
import {
  givenPostgresServer,
  postgresSkip,
  type PostgresServer
} from '../helpers/postgres-server.js';

describe('a held PostgreSQL connection whose server stops', { skip: postgresSkip() }, () => {
  let postgres: PostgresServer;
  let url: string;

  before(async () => {
    postgres = await givenPostgresServer();
    url = await postgres.createDatabase('wharf_held');
  });
  after(async () => {
    await postgres?.remove();
  });

  test('does not stop the process: the outage is logged and the next query is a 503', async () => {
    const { logger, lines } = givenCapturedLogger();
    const pool = await openPostgresPool(url, DEFAULT_POOL_OPTIONS, logger);
    const uncaught: unknown[] = [];
    const recordUncaught = (error: unknown): void => void uncaught.push(error);
    process.on('uncaughtException', recordUncaught);
    try {
      const held = await pool.connect();
      await held.query('select 1', []);
      await postgres.stop();
      // pg learns of the closed socket on its next turn; give it a few.
      for (let turn = 0; turn < 20 && lines.length === 0; turn++) await sleep(25);
      assert.deepEqual(uncaught, []);
      await assert.rejects(held.query('select 1', []), DatabaseUnavailable);
      held.release();
      const unavailable = lines.filter((line) => /is unavailable:/.test(line.message));
      assert.equal(unavailable.length, 1, 'the outage is logged once');
    } finally {
      process.off('uncaughtException', recordUncaught);
      await pool.end();
    }
  });
});
