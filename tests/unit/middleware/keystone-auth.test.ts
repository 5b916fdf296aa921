import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { getContext } from '../../../core/context.js';
import { ConfigError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import { keystoneAuthFilter } from '../../../core/middleware/keystone-auth.js';
import { givenFakeKeystone, SERVICE_USER, type FakeKeystone } from '../../helpers/fake-keystone.js';
import { givenApp, givenFactoryContext, givenFilter, givenLogCapture } from './given.js';

/** Answers with the caller the context holds. */
const showCaller: RequestHandler = function showCaller(req, res) {
  const { userId, projectId, roles, isAdmin, userDomainId, projectDomainId } = getContext(req);
  res.json({ userId, projectId, roles, isAdmin, userDomainId, projectDomainId });
};

describe('keystone_authtoken filter', () => {
  let keystone: FakeKeystone;
  before(async () => {
    keystone = await givenFakeKeystone();
  });
  after(() => keystone.close());

  function givenConf(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      auth_url: keystone.url,
      username: SERVICE_USER.username,
      password: SERVICE_USER.password,
      failed_auth_per_minute: '0',
      ...overrides
    };
  }

  async function givenKeystoneApp(overrides: Record<string, string> = {}, logger?: Logger) {
    const filter = await givenFilter(
      keystoneAuthFilter,
      givenConf(overrides),
      logger ? { logger } : {}
    );
    return givenApp([filter], showCaller);
  }

  test('fills the context from the token Keystone validates', async () => {
    const token = keystone.issue({ userId: 'u-1', projectId: 'p-1', roles: ['admin', 'member'] });
    const res = await request(await givenKeystoneApp())
      .get('/')
      .set('X-Auth-Token', token)
      .expect(200);
    assert.deepEqual(res.body, {
      userId: 'u-1',
      projectId: 'p-1',
      roles: ['admin', 'member'],
      isAdmin: true,
      userDomainId: 'default',
      projectDomainId: 'default'
    });
  });

  test('answers a missing token with 401 and WWW-Authenticate naming Keystone', async () => {
    const res = await request(await givenKeystoneApp())
      .get('/')
      .expect(401);
    assert.equal(res.headers['www-authenticate'], `Keystone uri="${keystone.url}"`);
    assert.equal(res.body.unauthorized.code, 401);
  });

  test('names www_authenticate_uri in WWW-Authenticate when it is set', async () => {
    const app = await givenKeystoneApp({ www_authenticate_uri: 'https://keystone.example/v3' });
    const res = await request(app).get('/').set('X-Auth-Token', 'nonsense').expect(401);
    assert.equal(res.headers['www-authenticate'], 'Keystone uri="https://keystone.example/v3"');
  });

  test('answers a token Keystone does not know, or revoked, with 401', async () => {
    const app = await givenKeystoneApp({ token_cache_time: '0' });
    await request(app).get('/').set('X-Auth-Token', 'not-a-token').expect(401);
    const token = keystone.issue();
    await request(app).get('/').set('X-Auth-Token', token).expect(200);
    keystone.revoke(token);
    const res = await request(app).get('/').set('X-Auth-Token', token).expect(401);
    assert.match(res.headers['www-authenticate'] ?? '', /^Keystone uri=/);
  });

  test('answers a token scoped to no project with 401', async () => {
    const token = keystone.issue({ projectId: null });
    await request(await givenKeystoneApp())
      .get('/')
      .set('X-Auth-Token', token)
      .expect(401);
  });

  test('asks Keystone once per token within token_cache_time', async () => {
    const app = await givenKeystoneApp();
    const token = keystone.issue();
    const before = keystone.validations;
    await Promise.all(
      Array.from({ length: 5 }, () => request(app).get('/').set('X-Auth-Token', token).expect(200))
    );
    await request(app).get('/').set('X-Auth-Token', token).expect(200);
    assert.equal(keystone.validations - before, 1);
  });

  test('asks Keystone on every request with token_cache_time = 0', async () => {
    const app = await givenKeystoneApp({ token_cache_time: '0' });
    const token = keystone.issue();
    const before = keystone.validations;
    await request(app).get('/').set('X-Auth-Token', token).expect(200);
    await request(app).get('/').set('X-Auth-Token', token).expect(200);
    assert.equal(keystone.validations - before, 2);
  });

  test('never serves a token from the cache past its expiry', async () => {
    const app = await givenKeystoneApp();
    const token = keystone.issue({ expiresAt: new Date(Date.now() + 700) });
    await request(app).get('/').set('X-Auth-Token', token).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 900));
    await request(app).get('/').set('X-Auth-Token', token).expect(401);
  });

  test('renews a service token Keystone no longer accepts', async () => {
    const app = await givenKeystoneApp();
    await request(app).get('/').set('X-Auth-Token', keystone.issue()).expect(200);
    const before = keystone.authentications;
    keystone.expireServiceTokens();
    await request(app).get('/').set('X-Auth-Token', keystone.issue()).expect(200);
    assert.equal(keystone.authentications - before, 1);
  });

  test('answers 503 with Retry-After when Keystone fails, is slow or refuses the service user', async () => {
    const { logger, lines } = givenLogCapture();
    const app = await givenKeystoneApp({ http_connect_timeout: '1' }, logger);
    const refusing = await givenKeystoneApp({ password: 'wrong' });
    try {
      keystone.behave({ answer: 500 });
      const failing = await request(app).get('/').set('X-Auth-Token', keystone.issue());
      keystone.behave('hang');
      const started = Date.now();
      const slow = await request(app).get('/').set('X-Auth-Token', keystone.issue());
      const waited = Date.now() - started;
      for (const res of [failing, slow]) {
        assert.equal(res.status, 503);
        assert.equal(res.headers['retry-after'], '5');
        assert.equal(res.body.serviceUnavailable.code, 503);
      }
      assert.ok(waited >= 900 && waited < 10_000, `waited ${waited} ms`);
      keystone.behave('ok');
      await request(app).get('/').set('X-Auth-Token', keystone.issue()).expect(200);
      await request(refusing).get('/').set('X-Auth-Token', keystone.issue()).expect(503);
    } finally {
      keystone.behave('ok');
    }
    const messages = lines.map((line) => `${line.level} ${String(line.message)}`);
    assert.equal(
      messages.filter((line) => /unavailable/.test(line)).length,
      1,
      messages.join('\n')
    );
    assert.equal(messages.filter((line) => /answers again/.test(line)).length, 1);
  });

  test('answers 503, not 500, when nothing listens at auth_url', async () => {
    const app = await givenKeystoneApp({ auth_url: 'http://127.0.0.1:9/v3' });
    const res = await request(app).get('/').set('X-Auth-Token', 'any').expect(503);
    assert.equal(res.headers['retry-after'], '5');
  });

  test('refuses to start without auth_url, username or password, or with a bad auth_url', () => {
    for (const missing of ['auth_url', 'username', 'password']) {
      const conf = givenConf();
      delete conf[missing];
      assert.throws(
        () => keystoneAuthFilter(givenFactoryContext(conf)),
        (error: unknown) =>
          error instanceof ConfigError && error.message.includes(`option ${missing} is required`)
      );
    }
    assert.throws(
      () => keystoneAuthFilter(givenFactoryContext(givenConf({ auth_url: 'keystone:5000' }))),
      ConfigError
    );
  });
});
