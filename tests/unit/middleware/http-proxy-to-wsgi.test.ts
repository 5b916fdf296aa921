import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { describe, test } from 'node:test';
import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { ConfigError } from '../../../core/errors.js';
import { clientAddress } from '../../../core/middleware/client-address.js';
import { httpProxyToWsgiFilter } from '../../../core/middleware/http-proxy-to-wsgi.js';
import { publicBaseUrl } from '../../../core/http/public-url.js';
import {
  givenApp,
  givenConfigContainer,
  givenFactoryContext,
  givenFilter,
  givenServer
} from './given.js';

/** Parsing on, the test client (loopback) trusted. */
const TRUSTING = { enable_proxy_headers_parsing: 'true', trusted_proxies: '127.0.0.0/8, ::1' };

/** Answers with the base URL links would use and the client address limits would key on. */
const showRequest: RequestHandler = function showRequest(req, res) {
  res.json({ base: publicBaseUrl(req), client: clientAddress(req) });
};

async function seen(headers: Record<string, string>, localConf: Record<string, string> = TRUSTING) {
  const app = givenApp([await givenFilter(httpProxyToWsgiFilter, localConf)], showRequest);
  let call = request(app).get('/').set('Host', 'internal:8774');
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return (await call.expect(200)).body as { base: string; client: string };
}

async function baseUrlFor(
  headers: Record<string, string>,
  localConf: Record<string, string> = TRUSTING
) {
  return (await seen(headers, localConf)).base;
}

function assertRefused(localConf: Record<string, string>, pattern: RegExp): void {
  assert.throws(
    () => httpProxyToWsgiFilter(givenFactoryContext(localConf)),
    (error: unknown) => error instanceof ConfigError && pattern.test(error.message)
  );
}

const SPOOFED = {
  'X-Forwarded-Proto': 'https',
  'X-Forwarded-Host': 'evil.example.com',
  'X-Forwarded-Prefix': '/phish',
  'X-Forwarded-For': '203.0.113.9',
  Forwarded: 'for=203.0.113.9;proto=https;host=evil.example.com'
};

describe('http_proxy_to_wsgi filter, trust', () => {
  test('ignores proxy headers by default', async () => {
    assert.deepEqual(await seen(SPOOFED, {}), {
      base: 'http://internal:8774',
      client: '127.0.0.1'
    });
  });

  test('ignores proxy headers from a peer not in trusted_proxies', async () => {
    const localConf = { enable_proxy_headers_parsing: 'true', trusted_proxies: '10.0.0.0/8' };
    assert.deepEqual(await seen(SPOOFED, localConf), {
      base: 'http://internal:8774',
      client: '127.0.0.1'
    });
  });

  test('honours a trusted proxy listed by an IPv4 block (the peer is IPv4-mapped IPv6)', async () => {
    const localConf = { enable_proxy_headers_parsing: 'true', trusted_proxies: '127.0.0.1/32' };
    assert.deepEqual(await seen(SPOOFED, localConf), {
      base: 'https://evil.example.com/phish',
      client: '203.0.113.9'
    });
  });

  test('reads enable_proxy_headers_parsing and trusted_proxies from wharf.conf', async () => {
    const container = givenConfigContainer({
      oslo_middleware: { enable_proxy_headers_parsing: true },
      wsgi: { trusted_proxies: ['::1', '127.0.0.0/8'], secure_proxy_ssl_header: '' }
    });
    const filter = await givenFilter(httpProxyToWsgiFilter, {}, { container });
    const res = await request(givenApp([filter], showRequest))
      .get('/')
      .set('X-Forwarded-Host', 'api.example.com');
    assert.equal(res.body.base, 'http://api.example.com');
  });

  test('refuses parsing with no trusted proxy', () => {
    assertRefused({ enable_proxy_headers_parsing: 'true' }, /trusted_proxies is empty/);
    assertRefused({ secure_proxy_ssl_header: 'X-Forwarded-Proto' }, /trusted_proxies is empty/);
  });

  test('refuses a bad trusted_proxies entry', () => {
    for (const entry of ['proxy.example.com', '10.0.0.0/33', '::1/129', '10.0.0.0/x']) {
      assertRefused({ ...TRUSTING, trusted_proxies: entry }, /option trusted_proxies/);
    }
  });

  test('refuses a bad enable_proxy_headers_parsing', () => {
    assertRefused({ enable_proxy_headers_parsing: 'sometimes' }, /enable_proxy_headers_parsing/);
  });

  test('takes the scheme from secure_proxy_ssl_header of a trusted proxy, parsing off', async () => {
    const localConf = { secure_proxy_ssl_header: 'X-Scheme', trusted_proxies: '127.0.0.1' };
    const headers = { 'X-Scheme': 'https', 'X-Forwarded-Host': 'evil.example.com' };
    assert.equal(await baseUrlFor(headers, localConf), 'https://internal:8774');
    const untrusted = { secure_proxy_ssl_header: 'X-Scheme', trusted_proxies: '10.0.0.1' };
    assert.equal(await baseUrlFor(headers, untrusted), 'http://internal:8774');
  });
});

describe('http_proxy_to_wsgi filter, headers of a trusted proxy', () => {
  test('uses the request itself when no proxy header is present', async () => {
    assert.equal(await baseUrlFor({}), 'http://internal:8774');
  });

  test('takes scheme and host from the first X-Forwarded-* values', async () => {
    const base = await baseUrlFor({
      'X-Forwarded-Proto': 'https, http',
      'X-Forwarded-Host': 'api.example.com, internal'
    });
    assert.equal(base, 'https://api.example.com');
  });

  test('takes proto and host from the first element of Forwarded', async () => {
    const base = await baseUrlFor({
      Forwarded: 'for=192.0.2.60;proto=https;host="api.example.com:8443", for=10.0.0.1;proto=http'
    });
    assert.equal(base, 'https://api.example.com:8443');
  });

  test('lets X-Forwarded-* override Forwarded', async () => {
    const base = await baseUrlFor({
      Forwarded: 'proto=http;host=old.example.com',
      'X-Forwarded-Host': 'new.example.com'
    });
    assert.equal(base, 'http://new.example.com');
  });

  test('adds X-Forwarded-Prefix without its trailing slash', async () => {
    const base = await baseUrlFor({
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Prefix': '/compute/'
    });
    assert.equal(base, 'https://internal:8774/compute');
  });

  test('ignores values of the wrong shape', async () => {
    const base = await baseUrlFor({
      'X-Forwarded-Proto': 'javascript',
      'X-Forwarded-Host': 'evil.example.com/path',
      'X-Forwarded-Prefix': 'no-leading-slash'
    });
    assert.equal(base, 'http://internal:8774');
  });

  test('takes the client from the nearest untrusted X-Forwarded-For hop', async () => {
    const localConf = { ...TRUSTING, trusted_proxies: '127.0.0.1, 10.0.0.0/8' };
    const headers = { 'X-Forwarded-For': '198.51.100.1, 192.0.2.7, 10.1.1.1' };
    assert.equal((await seen(headers, localConf)).client, '192.0.2.7');
  });

  test('takes the client from Forwarded for= without X-Forwarded-For', async () => {
    const headers = { Forwarded: 'for="[2001:db8::7]:4711", for=127.0.0.1' };
    assert.equal((await seen(headers)).client, '2001:db8::7');
  });

  test('keeps the peer as the client when the nearest hop is not an address', async () => {
    assert.equal((await seen({ 'X-Forwarded-For': '192.0.2.7, unknown' })).client, '127.0.0.1');
  });
});

describe('publicBaseUrl', () => {
  test('appends the path the pipeline is mounted at', async () => {
    const app = express();
    app.use('/v2.1', await givenFilter(httpProxyToWsgiFilter, TRUSTING), showRequest);
    const res = await request(app)
      .get('/v2.1/servers')
      .set('Host', 'api:8774')
      .set('X-Forwarded-Proto', 'https');
    assert.equal(res.body.base, 'https://api:8774/v2.1');
  });

  test('falls back to the socket address without a Host header', async () => {
    const server = await givenServer(givenApp([], showRequest));
    try {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.end('GET / HTTP/1.0\r\n\r\n');
      let raw = '';
      socket.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      await once(socket, 'end');
      assert.match(raw, new RegExp(`"base":"http://127\\.0\\.0\\.1:${server.port}"`));
    } finally {
      await server.close();
    }
  });
});
