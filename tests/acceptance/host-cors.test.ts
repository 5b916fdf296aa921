import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
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

  test('writes each header once, in its case and order, with and without Origin', async () => {
    const port = Number(new URL(host.url).port);
    // The test host's server sets no request ids: the request_id filter, after cors, does.
    const IDS = ['x-openstack-request-id', 'x-compute-request-id'];
    const VERSIONS = [
      'X-Wharf-Fingerprint',
      'OpenStack-API-Version',
      'X-OpenStack-Nova-API-Version'
    ];
    const TAIL = ['Content-Type', 'Content-Length', 'Date', 'Connection'];
    const CORS = ['Access-Control-Allow-Origin', 'Access-Control-Expose-Headers'];
    for (const [origin, names] of [
      ['', ['Vary', ...IDS, ...VERSIONS, ...TAIL]],
      [`\r\nOrigin: ${ORIGIN}`, ['Vary', ...CORS, ...IDS, ...VERSIONS, ...TAIL]]
    ] as const) {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      socket.write(
        `GET /v2.1/flavors/1 HTTP/1.1\r\nHost: t\r\nX-Auth-Token: u:p${origin}\r\nConnection: close\r\n\r\n`
      );
      await once(socket, 'close');
      const head = answer.slice(0, answer.indexOf('\r\n\r\n')).split('\r\n');
      assert.match(head[0]!, /^HTTP\/1\.1 200 /);
      assert.deepEqual(
        head.slice(1).map((line) => line.slice(0, line.indexOf(':'))),
        names
      );
      assert.ok(
        head.includes('Vary: Origin, OpenStack-API-Version, X-OpenStack-Nova-API-Version'),
        head.join('\n')
      );
    }
  });
});
