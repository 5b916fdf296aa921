import 'reflect-metadata';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadHostConfig } from '../../core/server/host-config.js';
import { assembleHost, type Host } from '../../core/server/host.js';
import { httpServerOptionsFor } from '../../core/server/http-server-options.js';
import { startHttpServer, type RunningServer } from '../../core/server/http-server.js';
import { quietLogger } from '../unit/server/given.js';

const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let host: Host;
let server: RunningServer;
let base: string;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-request-ids-'));
  const config = await loadHostConfig({
    env: {},
    overrides: {
      'database.connection': `sqlite:${join(dir, 'wharf.sqlite')}`,
      'wsgi.host': '127.0.0.1',
      'wsgi.port': '0',
      'wsgi.max_url_length': '100',
      'wsgi.max_header_size': '2048'
    }
  });
  host = await assembleHost({ config, logger: quietLogger });
  const app = host.apps.get('osapi_compute')!;
  server = await startHttpServer(app, httpServerOptionsFor(config, 'osapi_compute', quietLogger));
  base = `http://127.0.0.1:${server.address.port}`;
});

after(async () => {
  await server.close(0);
  await host.close();
});

/** Asserts both request-id headers are there, equal and well formed. */
function assertRequestIds(headers: Headers, what: string): void {
  const id = headers.get('x-openstack-request-id');
  assert.match(String(id), REQUEST_ID, `${what}: x-openstack-request-id`);
  assert.equal(headers.get('x-compute-request-id'), id, `${what}: x-compute-request-id`);
}

/** Sends raw bytes on a new connection and returns the whole answer. */
async function raw(bytes: string): Promise<string> {
  const socket = connect(server.address.port, '127.0.0.1');
  await once(socket, 'connect');
  let answer = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
  socket.write(bytes);
  await once(socket, 'close');
  return answer;
}

describe('request-id headers on every response the host writes', () => {
  test('the versions document, /healthcheck, a 404 outside the API and an API response', async () => {
    for (const path of ['/', '/healthcheck', '/nowhere', '/v2.1/flavors']) {
      const reply = await fetch(`${base}${path}`, { headers: { 'X-Auth-Token': 'u:p' } });
      await reply.arrayBuffer();
      assertRequestIds(reply.headers, path);
    }
  });

  test('a 414 for a URL over max_url_length', async () => {
    const reply = await fetch(`${base}/${'x'.repeat(200)}`);
    assert.equal(reply.status, 414);
    assertRequestIds(reply.headers, '414');
  });

  for (const [what, bytes, status] of [
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400],
    [
      'a request head over max_header_size',
      `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`,
      431
    ]
  ] as const) {
    test(`Node's own ${status} for ${what}, with a fault body`, async () => {
      const answer = await raw(bytes);
      assert.match(answer, new RegExp(`^HTTP/1\\.1 ${status} `));
      const id = /\r\nx-openstack-request-id: (\S+)\r\n/.exec(answer)?.[1];
      assert.match(String(id), REQUEST_ID);
      assert.match(answer, new RegExp(`\r\nx-compute-request-id: ${id}\r\n`));
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      assert.equal(Object.values(body as Record<string, { code: number }>)[0]!.code, status);
    });
  }
});

describe('the head of a response the API writes', () => {
  /** The header names of `answer`'s head, in order, as sent. */
  function headerNames(answer: string): string[] {
    const head = answer.slice(0, answer.indexOf('\r\n\r\n'));
    return head
      .split('\r\n')
      .slice(1)
      .map((line) => line.slice(0, line.indexOf(':')));
  }
  const API_HEAD = [
    'x-openstack-request-id',
    'x-compute-request-id',
    'X-Wharf-Fingerprint',
    'OpenStack-API-Version',
    'X-OpenStack-Nova-API-Version',
    'Vary'
  ];

  for (const [what, request, status, names] of [
    [
      'a show',
      'GET /v2.1/flavors/1 HTTP/1.1',
      200,
      [...API_HEAD, 'Content-Type', 'Content-Length', 'Date', 'Connection']
    ],
    [
      'a HEAD of a show',
      'HEAD /v2.1/flavors/1 HTTP/1.1',
      200,
      [...API_HEAD, 'Content-Type', 'Content-Length', 'Date', 'Connection']
    ],
    [
      'a fault of the router',
      'GET /v2.1/nowhere HTTP/1.1',
      404,
      [...API_HEAD, 'Content-Type', 'Content-Length', 'Date', 'Connection']
    ],
    [
      'a fault before the router (no token)',
      'GET /v2.1/flavors/1 HTTP/1.1\r\nX-Auth-Token:',
      401,
      [API_HEAD[0], API_HEAD[1], 'Content-Type', 'Content-Length', 'Date', 'Connection']
    ]
  ] as const) {
    test(`${what}: every header once, in its case and order (${status})`, async () => {
      const token = request.includes('X-Auth-Token') ? '' : '\r\nX-Auth-Token: u:p';
      const answer = await raw(`${request}${token}\r\nHost: t\r\nConnection: close\r\n\r\n`);
      assert.match(answer, new RegExp(`^HTTP/1\\.1 ${status} `));
      assert.deepEqual(headerNames(answer), names);
      const id = /\r\nx-openstack-request-id: (\S+)\r\n/.exec(answer)?.[1];
      assert.match(String(id), REQUEST_ID);
      assert.match(answer, new RegExp(`\r\nx-compute-request-id: ${id}\r\n`));
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      const length = /\r\nContent-Length: (\d+)\r\n/.exec(answer)?.[1];
      if (request.startsWith('HEAD')) assert.equal(body, '');
      else assert.equal(Buffer.byteLength(body), Number(length));
    });
  }
});
