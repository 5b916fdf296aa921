/**
 * PostgreSQL stopped and started again under traffic (a private cluster, `pg_ctl -m
 * immediate`, as in a crash): while it is down every request gets 503 with `Retry-After`,
 * quickly (never a 500, never a hang), the outage is logged once, and the host serves again
 * by itself once PostgreSQL is back. Skipped with the reason when PostgreSQL is missing,
 * except under CI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  givenPostgresServer,
  postgresSkip,
  type PostgresServer
} from '../helpers/postgres-server.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

describe('PostgreSQL restarted under traffic', { skip: postgresSkip() }, () => {
  let postgres: PostgresServer;
  let host: TestHost;

  before(async () => {
    postgres = await givenPostgresServer();
    const connection = await postgres.createDatabase('wharf_outage');
    host = await givenTestHost({
      'database.connection': connection,
      'database.connect_timeout': '1'
    });
  });
  after(async () => {
    await host?.close();
    await postgres?.remove();
  });

  /** Sends `count` server listings one after the other: statuses and the slowest time. */
  async function listings(count: number): Promise<{ statuses: number[]; slowestMs: number }> {
    const statuses: number[] = [];
    let slowestMs = 0;
    for (let i = 0; i < count; i++) {
      const started = Date.now();
      const reply = await host.call('GET', '/v2.1/servers');
      slowestMs = Math.max(slowestMs, Date.now() - started);
      statuses.push(reply.status);
      if (reply.status === 503) assert.equal(reply.headers.get('retry-after'), '2');
    }
    return { statuses, slowestMs };
  }

  test('answers 503 with Retry-After while it is down and recovers by itself', async () => {
    assert.deepEqual(new Set((await listings(3)).statuses), new Set([200]));
    await postgres.stop();
    const down = await listings(5);
    assert.deepEqual(new Set(down.statuses), new Set([503]));
    assert.ok(down.slowestMs < 5000, `slowest answer during the outage: ${down.slowestMs} ms`);
    await postgres.start();
    const deadline = Date.now() + 20_000;
    let last = 0;
    while (last !== 200) {
      assert.ok(Date.now() < deadline, 'the host did not recover within 20 s');
      const { statuses } = await listings(1);
      last = statuses[0]!;
      assert.ok(last === 200 || last === 503, `status ${last} during recovery`);
    }
    assert.deepEqual(new Set((await listings(3)).statuses), new Set([200]));
    const unavailable = host.lines.filter((line) => /is unavailable:/.test(line.message));
    assert.equal(unavailable.length, 1, 'the outage is logged once');
    assert.ok(host.lines.some((line) => /answers again/.test(line.message)));
  });
});
