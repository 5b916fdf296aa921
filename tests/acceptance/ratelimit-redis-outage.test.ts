/**
 * The Redis of the rate limiter stopped (SIGKILL, as in a crash) and started again under
 * traffic, once for each `[ratelimit] on_backend_error`: with `open` every request passes
 * while Redis is down, with `closed` every one gets 503 with `Retry-After` and a fault body;
 * never a 500, never a slow answer; the outage is logged once when it starts and once when
 * it ends; and the limit applies again by itself once Redis is back (it restarts empty, so a
 * fresh budget runs out into 429). Skipped with the reason when Redis is missing, except
 * under CI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { givenRedisServer, redisSkip, type RedisServer } from '../helpers/redis-server.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const BUDGET = 8;
/** Any answer slower than this during the outage would be a hang, not a clean refusal. */
const SLOWEST_MS = 3000;

type Phase = 'up' | 'down' | 'back';

/** One answer: the phase its request was sent in, the phase it came back in. */
interface Outcome {
  phase: Phase;
  answeredIn: Phase;
  status: number;
  ms: number;
}

describe('the Redis of the rate limiter restarted under traffic', { skip: redisSkip() }, () => {
  let redis: RedisServer;

  before(async () => {
    redis = await givenRedisServer();
  });
  after(async () => {
    await redis?.remove();
  });

  /** A host limiting each project to BUDGET requests a minute, counted in `redis`. */
  function givenLimitedHost(onBackendError: 'open' | 'closed'): Promise<TestHost> {
    return givenTestHost({
      'ratelimit.enabled': 'true',
      'ratelimit.backend': 'redis',
      'ratelimit.redis_url': redis.url,
      'ratelimit.requests_per_minute': String(BUDGET),
      'ratelimit.on_backend_error': onBackendError
    });
  }

  /**
   * Two clients send requests without pause, each as its own project and within its budget
   * while Redis is up, until `done` says stop; Redis is stopped after a few answers (`mode` names the projects), started
   * again after a few more, and `recovered` (given the answers since) says when the host
   * counts again. Resolves with every answer, tagged with the phase it was sent in.
   */
  async function underTraffic(
    host: TestHost,
    mode: string,
    recovered: (back: Outcome[]) => boolean
  ): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let phase: Phase = 'up';
    let sent = 0;
    let finished = false;
    const deadline = Date.now() + 30_000;
    const client = async () => {
      while (!finished) {
        assert.ok(Date.now() < deadline, `not recovered within 30 s: ${JSON.stringify(outcomes)}`);
        const sentIn = phase;
        // While Redis is up, each request is its own project, far within its budget.
        const project = `${mode}-${sentIn === 'up' ? sent++ : 'after-restart'}`;
        const started = Date.now();
        const reply = await host.call('GET', '/v2.1/flavors', { token: `user1:${project}` });
        outcomes.push({
          phase: sentIn,
          answeredIn: phase,
          status: reply.status,
          ms: Date.now() - started
        });
        if (sentIn === 'down' && reply.status === 503) {
          assert.equal(reply.headers.get('retry-after'), '2');
          assert.equal(reply.body.serviceUnavailable.code, 503, reply.text);
        }
      }
    };
    const driver = async () => {
      const count = (which: Phase) => outcomes.filter((o) => o.phase === which);
      const until = async (ready: () => boolean) => {
        while (!ready()) await new Promise((resolve) => setTimeout(resolve, 20));
      };
      await until(() => count('up').length >= 6);
      // Tagged before the kill: an `up` answer never meets the outage.
      phase = 'down';
      await redis.stop();
      await until(() => count('down').length >= BUDGET + 4);
      phase = 'back';
      await redis.start();
      await until(() => recovered(count('back')));
      finished = true;
    };
    await Promise.all([client(), client(), driver()]);
    return outcomes;
  }

  /** The host's outage log lines: warnings that the store is unavailable, infos that it is back. */
  function outageLines(host: TestHost): { down: string[]; back: string[] } {
    const messages = host.lines.map((line) => line.message);
    return {
      down: messages.filter((m) => /ratelimit filter is unavailable/.test(m)),
      back: messages.filter((m) => /ratelimit filter answers again/.test(m))
    };
  }

  /**
   * Every answer is one of `allowed` (never a 500) and quick (never a hang); those sent and
   * answered before the kill are 200.
   */
  function assertClean(outcomes: Outcome[], allowed: number[]): void {
    const before = outcomes.filter((o) => o.answeredIn === 'up');
    assert.ok(before.length > 0 && before.every((o) => o.status === 200), JSON.stringify(before));
    const odd = outcomes.filter((o) => !allowed.includes(o.status));
    assert.deepEqual(odd, [], `only ${allowed.join(', ')}`);
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    assert.ok(slowest < SLOWEST_MS, `slowest answer ${slowest} ms`);
  }

  test('open: requests pass unlimited while Redis is down, the limit returns with it', async () => {
    const host = await givenLimitedHost('open');
    try {
      const outcomes = await underTraffic(host, 'open', (back) =>
        back.some((o) => o.status === 429)
      );
      assertClean(outcomes, [200, 429]);
      const statuses = (phase: Phase) =>
        new Set(outcomes.filter((o) => o.phase === phase).map((o) => o.status));
      // More than the budget of one project, all passed: the limiter was open.
      assert.deepEqual(statuses('down'), new Set([200]));
      assert.deepEqual([...statuses('back')].sort(), [200, 429]);
      const { down, back } = outageLines(host);
      assert.equal(down.length, 1, `logged once: ${down.join(' | ')}`);
      assert.match(down[0]!, /requests pass unlimited until it answers/);
      assert.equal(back.length, 1);
      console.log(
        `# open: ${outcomes.length} requests, slowest ${Math.max(...outcomes.map((o) => o.ms))} ms`
      );
    } finally {
      await host.close();
    }
  });

  test('closed: 503 with Retry-After while Redis is down, served and limited again after', async () => {
    const host = await givenLimitedHost('closed');
    try {
      const outcomes = await underTraffic(
        host,
        'closed',
        (back) => back.filter((o) => o.status === 200).length >= 2
      );
      assertClean(outcomes, [200, 429, 503]);
      // More than the budget of one project refused while Redis was down: the limiter was
      // closed (a request sent just as Redis died may still have been counted).
      const down = outcomes.filter((o) => o.phase === 'down' && o.answeredIn === 'down');
      assert.ok(down.filter((o) => o.status === 503).length >= BUDGET, JSON.stringify(down));
      const lines = outageLines(host);
      assert.equal(lines.down.length, 1, `logged once: ${lines.down.join(' | ')}`);
      assert.match(lines.down[0]!, /requests get 503 until it answers/);
      assert.equal(lines.back.length, 1);
      // The limit counts again: the project's budget runs out into 429.
      const after: number[] = [];
      for (let i = 0; i < BUDGET; i++)
        after.push((await host.call('GET', '/v2.1/flavors', { token: 'user1:limited' })).status);
      assert.deepEqual(after, Array(BUDGET).fill(200));
      assert.equal(
        (await host.call('GET', '/v2.1/flavors', { token: 'user1:limited' })).status,
        429
      );
      console.log(
        `# closed: ${outcomes.length} requests, slowest ${Math.max(...outcomes.map((o) => o.ms))} ms`
      );
    } finally {
      await host.close();
    }
  });
});
