import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { issueToken } from '../../core/middleware/token-signer.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const SECRET = 'the-acceptance-failed-auth-secret';

async function statusesOf(host: TestHost, count: number, token: string | null) {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    statuses.push((await host.call('GET', '/v2.1/flavors', { token })).status);
  }
  return statuses;
}

async function withHost(overrides: Record<string, string>, run: (host: TestHost) => Promise<void>) {
  const host = await givenTestHost(overrides);
  try {
    await run(host);
  } finally {
    await host.close();
  }
}

describe('failed authentication on the default pipeline', () => {
  test('is limited to 30 a minute per client address by default (noauth2)', async () => {
    await withHost({}, async (host) => {
      const statuses = await statusesOf(host, 31, null);
      assert.deepEqual(statuses, [...Array<number>(30).fill(401), 429]);
      const refused = await host.call('GET', '/v2.1/flavors');
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(refused.body.overLimit.retryAfter, refused.headers.get('retry-after'));
      assert.ok(refused.headers.get('x-openstack-request-id'));
    });
  });

  test('refuses bad tokens past the limit, then every request of the address (token)', async () => {
    const overrides = {
      'api.auth_strategy': 'token',
      'auth.token_secret': SECRET,
      'ratelimit.failed_auth_per_minute': '5'
    };
    await withHost(overrides, async (host) => {
      const good = issueToken(
        { user: 'u', project: 'p', roles: ['member'], ttlSeconds: 60 },
        SECRET
      );
      assert.deepEqual(await statusesOf(host, 1, good), [200]);
      assert.deepEqual(await statusesOf(host, 6, 'not-a-token'), [401, 401, 401, 401, 401, 429]);
      assert.deepEqual(await statusesOf(host, 1, good), [429]);
      const versions = await host.call('GET', '/v2.1/', { token: null });
      assert.equal(versions.status, 200, 'the version document needs no auth and stays open');
    });
  });
});
