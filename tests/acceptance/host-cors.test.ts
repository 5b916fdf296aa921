import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const ORIGIN = 'https://dashboard.example.com';

let host: TestHost;
before(async () => {
  host = await givenTestHost({ 'cors.allowed_origin': ORIGIN });
});
after(() => host.close());

describe('CORS on the default pipeline', () => {
  test("allows a browser's JSON POST preflight", async () => {
    const reply = await host.call('OPTIONS', '/v2.1/servers', {
      token: null,
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-auth-token'
      }
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(reply.headers.get('access-control-allow-headers'), 'content-type, x-auth-token');
  });

  test('keeps the microversion Vary beside Vary: Origin, on answers and faults', async () => {
    for (const path of ['/v2.1/flavors', '/v2.1/servers/missing']) {
      const reply = await host.call('GET', path, { headers: { Origin: ORIGIN } });
      const vary = (reply.headers.get('vary') ?? '').split(/,\s*/);
      assert.ok(vary.includes('Origin'), `${path}: ${vary.join(', ')}`);
      assert.ok(vary.includes('OpenStack-API-Version'), `${path}: ${vary.join(', ')}`);
    }
  });
});
