/**
 * One deployment of several hosts, as docs/deployment.md describes it: two `wharf serve
 * --workers 2` hosts on one private PostgreSQL and one private Redis, behind Debian's
 * HAProxy running etc/haproxy.cfg unchanged, signed tokens with one shared secret. The hosts
 * start together on an empty database; state, the rate limit and tokens are shared; a host
 * killed mid-traffic costs only the requests it had in flight. Skipped with the reason when
 * PostgreSQL, Redis or HAProxy is missing, except under CI (.ci/run installs them).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { issueToken } from '../../core/middleware/token-signer.js';
import { CATALOGUE_IMAGES, MIGRATION_TABLE } from '../../extensions/compute/storage.js';
import { givenHaproxy, haproxySkip, type Haproxy } from '../helpers/haproxy.js';
import {
  givenPostgresServer,
  postgresSkip,
  type PostgresServer
} from '../helpers/postgres-server.js';
import { givenRedisServer, redisSkip, type RedisServer } from '../helpers/redis-server.js';
import { givenServedHost, type ConfSettings, type ServedHost } from '../helpers/served-host.js';

const skip = postgresSkip() || redisSkip() || haproxySkip();
const SECRET = randomBytes(32).toString('hex');
const REQUESTS_PER_MINUTE = 30;
const ALL_MIGRATIONS = [
  '0001-initial-schema',
  '0002-seed-catalogue',
  '0003-quotas',
  '0004-project-usage'
];

/** A signed token of `project` (user `user-<project>`) under the deployment's secret. */
function tokenOf(project: string, secret = SECRET): string {
  return issueToken(
    { user: `user-${project}`, project, roles: ['member'], ttlSeconds: 600 },
    secret
  );
}

/** Sends a request with `project`'s token; resolves with the status and the parsed body. */
async function call(
  url: string,
  method: string,
  path: string,
  project: string,
  body?: unknown
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/v2.1${path}`, {
    method,
    headers: { 'X-Auth-Token': tokenOf(project), 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

describe('two hosts behind HAProxy on one PostgreSQL and one Redis', { skip }, () => {
  let postgres: PostgresServer;
  let redis: RedisServer;
  let connection: string;
  let conf: ConfSettings;
  let hosts: ServedHost[] = [];
  let haproxy: Haproxy;

  before(async () => {
    [postgres, redis] = await Promise.all([givenPostgresServer(), givenRedisServer()]);
    connection = await postgres.createDatabase('wharf');
    conf = {
      api: { auth_strategy: 'token' },
      auth: { token_secret: SECRET },
      database: { connection },
      // What the kill test measures is fail-over: a busy test machine delays the event loop
      // past the default half second, and admission control would shed with 503.
      wsgi: { max_queue_wait: '30' },
      ratelimit: {
        enabled: 'true',
        backend: 'redis',
        redis_url: redis.url,
        requests_per_minute: String(REQUESTS_PER_MINUTE)
      }
    };
    // Both at once, on the empty database.
    hosts = await Promise.all([
      givenServedHost({ conf, args: ['--workers', '2'], startTimeoutMs: 60_000 }),
      givenServedHost({ conf, args: ['--workers', '2'], startTimeoutMs: 60_000 })
    ]);
    haproxy = await givenHaproxy(hosts[0]!.url, hosts[1]!.url);
  });
  after(async () => {
    haproxy?.stop();
    await Promise.all(hosts.map((host) => host.stop('SIGKILL')));
    await Promise.all([postgres?.remove(), redis?.remove()]);
  });

  test('both hosts starting at once on the empty database migrate it exactly once', async () => {
    const migrated = hosts.flatMap((host) => [
      ...host.log().matchAll(/compute database migrated: ([\w-]+(?:, [\w-]+)*)/g)
    ]);
    assert.deepEqual(
      migrated.map((match) => match[1]),
      [ALL_MIGRATIONS.join(', ')]
    );
    const client = new pg.Client({ connectionString: connection });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        `select name from ${MIGRATION_TABLE} order by name`
      );
      assert.deepEqual(
        rows.map((row) => row.name),
        ALL_MIGRATIONS
      );
    } finally {
      await client.end();
    }
  });

  test('a server created through one host is seen, acted on and deleted through the other', async () => {
    const [one, other] = [hosts[0]!.url, hosts[1]!.url];
    const created = await call(one, 'POST', '/servers', 'lifecycle', {
      server: { name: 'shared', imageRef: CATALOGUE_IMAGES[0].id, flavorRef: '1' }
    });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    const id = (created.body as { server: { id: string } }).server.id;
    const statusOn = async (url: string) => {
      const shown = await call(url, 'GET', `/servers/${id}`, 'lifecycle');
      return shown.status === 200
        ? (shown.body as { server: { status: string } }).server.status
        : shown.status;
    };
    const deadline = Date.now() + 10_000;
    while ((await statusOn(other)) !== 'ACTIVE') {
      assert.ok(Date.now() < deadline, 'the server never became ACTIVE');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(
      (await call(other, 'POST', `/servers/${id}/action`, 'lifecycle', { 'os-stop': null })).status,
      202
    );
    assert.equal(await statusOn(one), 'SHUTOFF');
    assert.equal((await call(other, 'DELETE', `/servers/${id}`, 'lifecycle')).status, 204);
    assert.equal(await statusOn(one), 404);
  });

  test('a signed token accepted by one host is accepted by the other', async () => {
    for (const host of hosts) {
      assert.equal((await call(host.url, 'GET', '/flavors', 'tokens')).status, 200);
      const forged = await fetch(`${host.url}/v2.1/flavors`, {
        headers: { 'X-Auth-Token': tokenOf('tokens', randomBytes(32).toString('hex')) }
      });
      await forged.arrayBuffer();
      assert.equal(forged.status, 401);
    }
  });

  test('the rate limit is shared: one budget across hosts and workers, 429 after it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < REQUESTS_PER_MINUTE; i++) {
      statuses.push((await call(hosts[i % 2]!.url, 'GET', '/flavors', 'limited')).status);
    }
    assert.deepEqual(new Set(statuses), new Set([200]));
    for (const host of hosts) {
      const refused = await fetch(`${host.url}/v2.1/flavors`, {
        headers: { 'X-Auth-Token': tokenOf('limited') }
      });
      await refused.arrayBuffer();
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    }
  });

  test('kill -9 of one host mid-traffic fails at most the requests in flight on it', async () => {
    const CONCURRENCY = 6;
    const TOTAL = 240;
    const KILL_AFTER = 60;
    const outcomes: { startedAt: number; ok: boolean; what: string }[] = [];
    let next = 0;
    let killedAt = Infinity;
    const victim = hosts[1]!;
    const killVictim = () => {
      // The whole host: its primary and its workers at the same instant.
      const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(victim.child.pid)], {
        encoding: 'utf8'
      })
        .split('\n')
        .filter((pid) => pid.trim() !== '')
        .map(Number);
      killedAt = performance.now();
      for (const pid of [victim.child.pid!, ...workers]) process.kill(pid, 'SIGKILL');
    };
    const loop = async () => {
      while (next < TOTAL) {
        const i = next++;
        if (i === KILL_AFTER) killVictim();
        const startedAt = performance.now();
        // Forty projects share the traffic, each well within its rate limit.
        const outcome = await call(haproxy.url, 'GET', '/servers', `load-${i % 40}`).then(
          ({ status, body }) => ({
            ok: status === 200,
            what: status === 200 ? '200' : `${status} ${JSON.stringify(body)}`
          }),
          (error: Error) => ({ ok: false, what: error.message })
        );
        outcomes.push({ startedAt, ...outcome });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, loop));
    assert.equal(await victim.exited, 'SIGKILL');
    const failed = outcomes.filter((outcome) => !outcome.ok);
    const inFlight = failed.filter((outcome) => outcome.startedAt < killedAt);
    assert.deepEqual(
      failed.filter((outcome) => outcome.startedAt >= killedAt),
      [],
      'requests sent after the kill all succeed'
    );
    assert.ok(inFlight.length <= CONCURRENCY, JSON.stringify(inFlight));
    const servedByVictim = (victim.log().match(/"GET \/v2\.1\/servers"/g) ?? []).length;
    assert.ok(servedByVictim > 0, 'HAProxy sent traffic to the victim before the kill');
    console.log(
      `# ${outcomes.length} requests, ${failed.length} failed (in flight at the kill), victim served ${servedByVictim}`
    );
  });

  test('an old host refuses a database a newer version migrated, with a clear error', async () => {
    const client = new pg.Client({ connectionString: connection });
    await client.connect();
    try {
      await client.query(`insert into ${MIGRATION_TABLE} (name, timestamp) values ($1, $2)`, [
        '9999-from-a-newer-wharf',
        new Date().toISOString()
      ]);
    } finally {
      await client.end();
    }
    await assert.rejects(
      givenServedHost({ conf }),
      /newer than this wharf.*9999-from-a-newer-wharf/
    );
  });
});
