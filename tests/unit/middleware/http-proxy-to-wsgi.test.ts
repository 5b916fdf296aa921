import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { describe, test } from 'node:test';
import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { ConfigError } from '../../../core/errors.js';
import { httpProxyToWsgiFilter } from '../../../core/middleware/http-proxy-to-wsgi.js';
import { publicBaseUrl } from '../../../core/middleware/public-url.js';
import { givenApp, givenFactoryContext, givenFilter, givenServer } from './given.js';

/** Answers with the base URL links would use. */
const showBaseUrl: RequestHandler = function showBaseUrl(req, res) {
  res.json({ base: publicBaseUrl(req) });
};

async function givenProxiedApp(localConf: Record<string, string> = {}) {
  return givenApp([await givenFilter(httpProxyToWsgiFilter, localConf)], showBaseUrl);
}

async function baseUrlFor(headers: Record<string, string>, localConf: Record<string, string> = {}) {
  let call = request(await givenProxiedApp(localConf))
    .get('/')
    .set('Host', 'internal:8774');
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return (await call.expect(200)).body.base as string;
}

describe('http_proxy_to_wsgi filter', () => {
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

  test('ignores proxy headers when parsing is disabled', async () => {
    const base = await baseUrlFor(
      { 'X-Forwarded-Proto': 'https' },
      { enable_proxy_headers_parsing: 'false' }
    );
    assert.equal(base, 'http://internal:8774');
  });

  test('refuses a bad enable_proxy_headers_parsing', () => {
    assert.throws(
      () =>
        httpProxyToWsgiFilter(givenFactoryContext({ enable_proxy_headers_parsing: 'sometimes' })),
      (error: unknown) =>
        error instanceof ConfigError && /enable_proxy_headers_parsing/.test(error.message)
    );
  });
});

describe('publicBaseUrl', () => {
  test('appends the path the pipeline is mounted at', async () => {
    const app = express();
    app.use('/v2.1', await givenFilter(httpProxyToWsgiFilter), showBaseUrl);
    const res = await request(app)
      .get('/v2.1/servers')
      .set('Host', 'api:8774')
      .set('X-Forwarded-Proto', 'https');
    assert.equal(res.body.base, 'https://api:8774/v2.1');
  });

  test('falls back to the socket address without a Host header', async () => {
    const server = await givenServer(givenApp([], showBaseUrl));
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
