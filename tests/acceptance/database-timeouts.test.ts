/**
 * `[database] statement_timeout`, `connect_timeout` and `max_pool_size` on a private
 * PostgreSQL (tests/helpers/postgres-server.ts): a statement held past the timeout answers
 * 503 with `Retry-After`, quickly, never a 500 or a hang, and the next request after the
 * block is served; `wharf db migrate` runs within the same options. Skipped with the reason
 * when PostgreSQL is missing, except under CI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { MIGRATION_TABLE } from '../../extensions/compute/storage.js';
import {
  givenPostgresServer,
  postgresSkip,
  type PostgresServer
} from '../helpers/postgres-server.js';
import { runCli } from '../helpers/run-cli.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

describe('PostgreSQL statement timeout', { skip: postgresSkip() }, () => {
  let postgres: PostgresServer;
  let connection: string;
  let host: TestHost;

  before(async () => {
    postgres = await givenPostgresServer();
    connection = await postgres.createDatabase('wharf_timeouts');
    host = await givenTestHost({
      'database.connection': connection,
      'database.statement_timeout': '0.5',
      'database.connect_timeout': '2',
      'database.max_pool_size': '2'
    });
  });
  after(async () => {
    await host?.close();
    await postgres?.remove();
  });

  test('answers 503 with Retry-After when a statement runs past it, then serves again', async () => {
    const blocker = new pg.Client({ connectionString: connection });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table servers in access exclusive mode');
      const started = Date.now();
      const blocked = await host.call('GET', '/v2.1/servers');
      const tookMs = Date.now() - started;
      assert.equal(blocked.status, 503, JSON.stringify(blocked.body));
      assert.equal(blocked.headers.get('retry-after'), '2');
      assert.deepEqual(Object.keys(blocked.body as object), ['serviceUnavailable']);
      assert.ok(tookMs < 10_000, `answered after ${tookMs} ms`);
      await blocker.query('rollback');
      const served = await host.call('GET', '/v2.1/servers');
      assert.equal(served.status, 200);
    } finally {
      await blocker.end();
    }
  });

  test('wharf db migrate gives up on a blocked migration at statement_timeout', async () => {
    const blocker = new pg.Client({ connectionString: connection });
    await blocker.connect();
    try {
      // Another session holds the migration table: the migrator's read of it waits.
      await blocker.query('begin');
      await blocker.query(`lock table ${MIGRATION_TABLE} in access exclusive mode`);
      const started = Date.now();
      const migrated = await runCli(['db', 'migrate'], {
        env: {
          WHARF_DATABASE__CONNECTION: connection,
          WHARF_DATABASE__STATEMENT_TIMEOUT: '0.5',
          WHARF_DATABASE__CONNECT_TIMEOUT: '2'
        }
      });
      const tookMs = Date.now() - started;
      // The default statement_timeout (30 s) would still be waiting.
      assert.ok(tookMs < 15_000, `db migrate gave up after ${tookMs} ms`);
      assert.equal(migrated.code, 2, migrated.stderr);
      assert.match(
        migrated.stderr,
        /^wharf: .*did not answer in time.*\[COMPUTE_MIGRATION_FAILED\]\n$/
      );
      assert.doesNotMatch(migrated.stderr, /\n\s+at /, 'no stack trace');
      await blocker.query('rollback');
      const rerun = await runCli(['db', 'migrate'], {
        env: { WHARF_DATABASE__CONNECTION: connection }
      });
      assert.equal(rerun.stdout, 'up to date: nothing to apply\n', rerun.stderr);
    } finally {
      await blocker.end();
    }
  });
});
