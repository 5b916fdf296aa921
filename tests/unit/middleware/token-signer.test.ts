import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { ConfigError, HTTPUnauthorized } from '../../../core/errors.js';
import { issueToken, tokenKey, verifyToken } from '../../../core/middleware/token-signer.js';

const SECRET = 'a-test-secret-of-32-characters!!';
const NOW = Date.UTC(2030, 0, 1);

function givenToken(overrides: Partial<Parameters<typeof issueToken>[0]> = {}, now = NOW): string {
  return issueToken(
    { user: 'alice', project: 'demo', roles: ['member'], ttlSeconds: 3600, ...overrides },
    SECRET,
    now
  );
}

/** Asserts a 401 with the given code. */
function assertRejected(verify: () => unknown, code: string): void {
  assert.throws(verify, (error: unknown) => {
    assert.ok(error instanceof HTTPUnauthorized);
    assert.equal(error.statusCode, 401);
    assert.equal(error.code, code);
    return true;
  });
}

/** A token with a valid signature over an arbitrary payload. */
function signedOver(payload: string): string {
  const body = `wharf1.${Buffer.from(payload).toString('base64url')}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

describe('issueToken and verifyToken', () => {
  test('issue a wharf1 token whose claims verify', () => {
    const token = givenToken({ roles: ['admin', 'member'] });
    assert.match(token, /^wharf1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(verifyToken(token, SECRET, NOW), {
      user: 'alice',
      project: 'demo',
      roles: ['admin', 'member'],
      exp: NOW / 1000 + 3600
    });
  });

  test('give the member role by default', () => {
    const token = issueToken({ user: 'bob', project: 'p', ttlSeconds: 60 }, SECRET, NOW);
    assert.deepEqual(verifyToken(token, SECRET, NOW).roles, ['member']);
  });

  test('accept a key prepared once', () => {
    const key = tokenKey(SECRET);
    assert.equal(
      verifyToken(issueToken({ user: 'u', project: 'p', ttlSeconds: 60 }, key, NOW), key, NOW).user,
      'u'
    );
  });

  test('reject a token signed with another secret or altered', () => {
    const token = givenToken();
    const [prefix, payload, signature] = token.split('.') as [string, string, string];
    const otherPayload = givenToken({ user: 'admin' }).split('.')[1];
    assertRejected(
      () => verifyToken(token, 'another-secret-of-enough-length', NOW),
      'WHARF_TOKEN_INVALID'
    );
    assertRejected(
      () => verifyToken(`${prefix}.${otherPayload}.${signature}`, SECRET, NOW),
      'WHARF_TOKEN_INVALID'
    );
    const flipped = signature.endsWith('A')
      ? `${signature.slice(0, -1)}B`
      : `${signature.slice(0, -1)}A`;
    assertRejected(
      () => verifyToken(`${prefix}.${payload}.${flipped}`, SECRET, NOW),
      'WHARF_TOKEN_INVALID'
    );
  });

  test('reject malformed tokens', () => {
    const [, payload, signature] = givenToken().split('.') as [string, string, string];
    for (const token of [
      '',
      'garbage',
      `wharf2.${payload}.${signature}`,
      `wharf1.${payload}`,
      `wharf1.x.${payload}.${signature}`
    ]) {
      assertRejected(() => verifyToken(token, SECRET, NOW), 'WHARF_TOKEN_INVALID');
    }
  });

  test('reject a well-signed payload that is not claims', () => {
    assertRejected(() => verifyToken(signedOver('not json'), SECRET, NOW), 'WHARF_TOKEN_INVALID');
    assertRejected(
      () =>
        verifyToken(
          signedOver('{"user":"u","project":"p","roles":"admin","exp":1e12}'),
          SECRET,
          NOW
        ),
      'WHARF_TOKEN_INVALID'
    );
  });

  test('reject an expired token', () => {
    const token = givenToken({ ttlSeconds: 60 }, NOW - 61_000);
    assertRejected(() => verifyToken(token, SECRET, NOW), 'WHARF_TOKEN_EXPIRED');
  });

  test('refuse short secrets, bad lifetimes and empty names', () => {
    const isConfigError = (error: unknown) => error instanceof ConfigError;
    assert.throws(() => tokenKey('short'), isConfigError);
    assert.throws(() => givenToken({ ttlSeconds: 0 }), isConfigError);
    assert.throws(() => givenToken({ ttlSeconds: 1.5 }), isConfigError);
    assert.throws(() => givenToken({ user: '' }), isConfigError);
  });
});
