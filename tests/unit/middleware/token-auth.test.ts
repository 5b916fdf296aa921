import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { getContext } from '../../../core/context.js';
import { ConfigError } from '../../../core/errors.js';
import { TOKEN_SECRET_ENV, tokenAuthFilter } from '../../../core/middleware/token-auth.js';
import { issueToken } from '../../../core/middleware/token-signer.js';
import { givenApp, givenConfigContainer, givenFactoryContext, givenFilter } from './given.js';

const SECRET = 'the-authtoken-test-secret-value';

/** Answers with the caller the context holds. */
const showCaller: RequestHandler = function showCaller(req, res) {
  const { userId, projectId, roles, isAdmin } = getContext(req);
  res.json({ userId, projectId, roles, isAdmin });
};

async function givenAuthApp(localConf: Record<string, string> = { token_secret: SECRET }) {
  return givenApp([await givenFilter(tokenAuthFilter, localConf)], showCaller);
}

function givenToken(roles = ['member'], now = Date.now(), secret = SECRET): string {
  return issueToken({ user: 'alice', project: 'demo', roles, ttlSeconds: 600 }, secret, now);
}

describe('authtoken filter', () => {
  let savedEnv: string | undefined;
  beforeEach(() => {
    savedEnv = process.env[TOKEN_SECRET_ENV];
    delete process.env[TOKEN_SECRET_ENV];
  });
  afterEach(() => {
    if (savedEnv === undefined) delete process.env[TOKEN_SECRET_ENV];
    else process.env[TOKEN_SECRET_ENV] = savedEnv;
  });

  test('fills the context from a valid token', async () => {
    const res = await request(await givenAuthApp())
      .get('/')
      .set('X-Auth-Token', givenToken())
      .expect(200);
    assert.deepEqual(res.body, {
      userId: 'alice',
      projectId: 'demo',
      roles: ['member'],
      isAdmin: false
    });
  });

  test('makes a caller with the admin role an admin', async () => {
    const res = await request(await givenAuthApp())
      .get('/')
      .set('X-Auth-Token', givenToken(['admin']))
      .expect(200);
    assert.equal(res.body.isAdmin, true);
  });

  test('answers a missing token with a 401 fault', async () => {
    const res = await request(await givenAuthApp())
      .get('/')
      .expect(401);
    assert.equal(res.body.unauthorized.code, 401);
  });

  test('answers an expired token with a 401 fault', async () => {
    const expired = givenToken(['member'], Date.now() - 601_000);
    const res = await request(await givenAuthApp())
      .get('/')
      .set('X-Auth-Token', expired)
      .expect(401);
    assert.deepEqual(res.body, { unauthorized: { code: 401, message: 'The token has expired.' } });
  });

  test('answers a forged or malformed token with a 401 fault', async () => {
    const app = await givenAuthApp();
    const forged = givenToken(['admin'], Date.now(), 'somebody-elses-secret-value');
    for (const token of [forged, 'alice:demo', 'wharf1.e30.AAAA']) {
      const res = await request(app).get('/').set('X-Auth-Token', token).expect(401);
      assert.deepEqual(res.body, { unauthorized: { code: 401, message: 'The token is invalid.' } });
    }
  });

  test('reads the secret from the environment', async () => {
    process.env[TOKEN_SECRET_ENV] = SECRET;
    await request(await givenAuthApp({}))
      .get('/')
      .set('X-Auth-Token', givenToken())
      .expect(200);
  });

  test('reads the secret from the host configuration', async () => {
    const child = givenConfigContainer({ auth: { token_secret: SECRET } });
    const app = givenApp(
      [await givenFilter(tokenAuthFilter, {}, { container: child })],
      showCaller
    );
    await request(app).get('/').set('X-Auth-Token', givenToken()).expect(200);
  });

  test('refuses to start without a secret or with a short one', () => {
    const confs: Record<string, string>[] = [{}, { token_secret: 'short' }];
    for (const localConf of confs) {
      assert.throws(
        () => tokenAuthFilter(givenFactoryContext(localConf)),
        (error: unknown) => error instanceof ConfigError && /filter authtoken/.test(error.message)
      );
    }
  });
});
