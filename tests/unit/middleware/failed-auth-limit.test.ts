import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { ConfigError, HTTPUnauthorized } from '../../../core/errors.js';
import { createAuthFilter, type Authenticate } from '../../../core/middleware/auth-filter.js';
import { FailedAuthLimit } from '../../../core/middleware/failed-auth-limit.js';
import { httpProxyToWsgiFilter } from '../../../core/middleware/http-proxy-to-wsgi.js';
import { noauthFilter } from '../../../core/middleware/noauth.js';
import { requestIdFilter } from '../../../core/middleware/request-id.js';
import { MemoryRateLimitStore } from '../../../core/middleware/ratelimit-memory-store.js';
import type { RateLimitStore } from '../../../core/middleware/ratelimit-store.js';
import { tokenAuthFilter } from '../../../core/middleware/token-auth.js';
import { issueToken } from '../../../core/middleware/token-signer.js';
import {
  givenApp,
  givenConfigContainer,
  givenFactoryContext,
  givenFilter,
  givenLogCapture,
  eventually,
  quietLogger
} from './given.js';

const SECRET = 'the-failed-auth-test-secret-value';

/** A clock the test moves by hand. */
function givenClock(start = 0) {
  const clock = { now: start, advance: (ms: number) => (clock.now += ms) };
  return clock;
}

async function statusesOf(app: Express, count: number, headers: Record<string, string> = {}) {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    let call = request(app).get('/');
    for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
    statuses.push((await call).status);
  }
  return statuses;
}

/** Authenticates requests carrying `X-Good` only. */
const failUnlessGood: Authenticate = (req) => {
  if (req.headers['x-good'] === undefined) throw new HTTPUnauthorized();
  return { user: 'u', project: 'p', roles: [] };
};

/** An app whose auth filter is limited by `limit` and fails without `X-Good`. */
function givenLimitedApp(limit: FailedAuthLimit): Express {
  return givenApp([createAuthFilter('test_auth', failUnlessGood, limit)]);
}

describe('failed-auth limit in the auth filters', () => {
  test('refuses bad tokens past the limit with 429, then good ones too (authtoken)', async () => {
    const app = givenApp([
      await givenFilter(tokenAuthFilter, { token_secret: SECRET, failed_auth_per_minute: '3' })
    ]);
    const good = issueToken({ user: 'alice', project: 'demo', roles: [], ttlSeconds: 600 }, SECRET);
    assert.deepEqual(await statusesOf(app, 1, { 'X-Auth-Token': good }), [200]);
    assert.deepEqual(await statusesOf(app, 4, { 'X-Auth-Token': 'forged' }), [401, 401, 401, 429]);
    const refused = await request(app).get('/').set('X-Auth-Token', good).expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    // Up to a window and a third: the sliding estimate carries this window into the next.
    assert.ok(retryAfter >= 1 && retryAfter <= 80, `Retry-After ${retryAfter}`);
    assert.deepEqual(refused.body, {
      overLimit: {
        code: 429,
        message: 'This request was rate-limited.',
        retryAfter: String(retryAfter)
      }
    });
  });

  test('counts each client address apart (noauth2 behind a trusted proxy)', async () => {
    const app = givenApp([
      await givenFilter(httpProxyToWsgiFilter, {
        enable_proxy_headers_parsing: 'true',
        trusted_proxies: '127.0.0.0/8, ::1'
      }),
      await givenFilter(noauthFilter, { failed_auth_per_minute: '2' })
    ]);
    const first = { 'X-Forwarded-For': '192.0.2.1' };
    assert.deepEqual(await statusesOf(app, 3, first), [401, 401, 429]);
    assert.deepEqual(await statusesOf(app, 1, { ...first, 'X-Auth-Token': 'alice' }), [429]);
    const second = { 'X-Forwarded-For': '192.0.2.2' };
    assert.deepEqual(await statusesOf(app, 2, { ...second, 'X-Auth-Token': 'bob' }), [200, 200]);
    assert.deepEqual(await statusesOf(app, 1, second), [401]);
  });

  test('is on with the defaults of wharf.conf, even with [ratelimit] enabled off', async () => {
    const container = givenConfigContainer({
      ratelimit: { enabled: false, failed_auth_per_minute: 2, backend: 'memory' }
    });
    const app = givenApp([await givenFilter(noauthFilter, {}, { container })]);
    assert.deepEqual(await statusesOf(app, 3), [401, 401, 429]);
  });

  test('is off with failed_auth_per_minute = 0', async () => {
    const app = givenApp([await givenFilter(noauthFilter, { failed_auth_per_minute: '0' })]);
    assert.deepEqual(await statusesOf(app, 5), [401, 401, 401, 401, 401]);
  });

  test('refuses a bad failed_auth_per_minute', () => {
    for (const value of ['-1', 'many']) {
      assert.throws(
        () => noauthFilter(givenFactoryContext({ failed_auth_per_minute: value })),
        (error: unknown) =>
          error instanceof ConfigError && /option failed_auth_per_minute/.test(error.message)
      );
    }
  });
});

describe('FailedAuthLimit', () => {
  test('admits again once the failures age out of the sliding minute', async () => {
    const clock = givenClock(0);
    const store = new MemoryRateLimitStore();
    const app = givenLimitedApp(
      new FailedAuthLimit({ perMinute: 2, store, logger: quietLogger, now: () => clock.now })
    );
    assert.deepEqual(await statusesOf(app, 3), [401, 401, 429]);
    const refused = await request(app).get('/').set('X-Good', '1');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['retry-after'], '90');
    clock.advance(60_000);
    assert.deepEqual(await statusesOf(app, 1, { 'X-Good': '1' }), [429]);
    clock.advance(30_000);
    assert.deepEqual(await statusesOf(app, 1, { 'X-Good': '1' }), [200]);
    assert.deepEqual(await statusesOf(app, 2), [401, 429]);
  });

  test('waits for an asynchronous store in an auth filter', async () => {
    const memory = new MemoryRateLimitStore();
    const store: RateLimitStore = {
      hit: async (key, window) => ({ ...memory.hit(key, window) }),
      peek: async (key, window) => memory.peek(key, window),
      close: () => memory.close()
    };
    const limit = new FailedAuthLimit({ perMinute: 2, store, logger: quietLogger });
    const filter = createAuthFilter('test_auth', failUnlessGood, limit);
    assert.equal(filter.name, 'test_auth');
    const app = givenApp([filter]);
    assert.deepEqual(await statusesOf(app, 1, { 'X-Good': '1' }), [200]);
    assert.deepEqual(await statusesOf(app, 3), [401, 401, 429]);
  });

  test('logs once, naming the address, when an address is closed', async () => {
    const capture = givenLogCapture();
    const container = givenConfigContainer({ ratelimit: { failed_auth_per_minute: 2 } });
    const context = givenFactoryContext({}, { container, logger: capture.logger });
    const app = givenApp([await requestIdFilter(context), await noauthFilter(context)]);
    assert.deepEqual(await statusesOf(app, 4), [401, 401, 429, 429]);
    await eventually(() => capture.lines.some((line) => line.level === 'warn'));
    const warnings = capture.lines.filter((line) => line.level === 'warn');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.clientAddress, '127.0.0.1');
    assert.equal(typeof warnings[0]!.retryAfter, 'number');
    assert.match(String(warnings[0]!.requestId), /^req-/);
  });

  test('lets requests through and warns once when the store fails', async () => {
    const capture = givenLogCapture();
    const failing: RateLimitStore = {
      hit: () => Promise.reject(new Error('connection refused')),
      peek: () => Promise.reject(new Error('connection refused')),
      close: async () => {}
    };
    const app = givenLimitedApp(
      new FailedAuthLimit({ perMinute: 1, store: failing, logger: capture.logger })
    );
    assert.deepEqual(await statusesOf(app, 3), [401, 401, 401]);
    assert.equal(capture.lines.filter((line) => line.level === 'warn').length, 1);
  });
});
