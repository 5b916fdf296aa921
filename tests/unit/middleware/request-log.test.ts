import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { getContext } from '../../../core/context.js';
import { ConfigError, HTTPNotFound } from '../../../core/errors.js';
import { faultwrapFilter } from '../../../core/middleware/faultwrap.js';
import { httpProxyToWsgiFilter } from '../../../core/middleware/http-proxy-to-wsgi.js';
import { requestIdFilter } from '../../../core/middleware/request-id.js';
import { requestLogFilter } from '../../../core/middleware/request-log.js';
import {
  eventually,
  givenApp,
  givenConfigContainer,
  givenFactoryContext,
  givenFilter,
  givenLogCapture
} from './given.js';

/** A handler that records the microversion and owning extension, like the API router. */
const versionedHandler: RequestHandler = function versioned(req, res) {
  const context = getContext(req);
  context.apiVersion = { major: 2, minor: 42, toString: () => '2.42' };
  context.extension = 'servers';
  res.json({ servers: [] });
};

async function givenLoggedApp(
  handler: RequestHandler,
  localConf: Record<string, string> = {},
  loggerLevel = 'debug'
) {
  const capture = givenLogCapture(loggerLevel);
  const filters = [
    await givenFilter(requestIdFilter, {}, { logger: capture.logger }),
    await givenFilter(faultwrapFilter),
    await givenFilter(requestLogFilter, localConf, { logger: capture.logger })
  ];
  return { app: givenApp(filters, handler), lines: capture.lines, logger: capture.logger };
}

describe('request_log filter', () => {
  test('writes one info line per request with the request facts', async () => {
    const { app, lines } = await givenLoggedApp(versionedHandler);
    const res = await request(app).get('/v2.1/servers?name=a').expect(200);
    await eventually(() => lines.length === 1);
    const [line] = lines;
    assert.equal(line?.level, 'info');
    assert.equal(line?.method, 'GET');
    assert.equal(line?.path, '/v2.1/servers?name=a');
    assert.equal(line?.status, 200);
    assert.equal(line?.length, Number(res.headers['content-length']));
    assert.equal(typeof line?.timeMs, 'number');
    assert.equal(line?.microversion, '2.42');
    assert.equal(line?.requestId, res.headers['x-openstack-request-id']);
    assert.equal(line?.extension, 'servers');
    assert.match(
      String(line?.message),
      /"GET \/v2\.1\/servers\?name=a" status: 200 len: \d+ microversion: 2\.42 time: \d+\.\d{4}$/
    );
  });

  test('logs the client address a trusted proxy reported', async () => {
    const capture = givenLogCapture();
    const proxy = { enable_proxy_headers_parsing: 'true', trusted_proxies: '127.0.0.0/8, ::1' };
    const app = givenApp([
      await givenFilter(httpProxyToWsgiFilter, proxy),
      await givenFilter(requestLogFilter, {}, { logger: capture.logger })
    ]);
    await request(app).get('/').set('X-Forwarded-For', '203.0.113.9').expect(200);
    await eventually(() => capture.lines.length === 1);
    assert.equal(capture.lines[0]?.remoteAddress, '203.0.113.9');
  });

  test('logs faults with their status', async () => {
    const { app, lines } = await givenLoggedApp(() => {
      throw new HTTPNotFound();
    });
    await request(app).get('/nowhere').expect(404);
    // The request line, not the answerer's debug line about the same fault.
    const requestLine = (entry: Record<string, unknown>) => 'timeMs' in entry;
    await eventually(() => lines.some(requestLine));
    const line = lines.find(requestLine);
    assert.equal(line?.status, 404);
    assert.equal(line?.microversion, null);
    assert.equal(line?.extension, null);
  });

  test('writes at the configured level', async () => {
    const { app, lines } = await givenLoggedApp(versionedHandler, { level: 'debug' });
    await request(app).get('/').expect(200);
    await eventually(() => lines.length === 1);
    assert.equal(lines[0]?.level, 'debug');
  });

  test('writes nothing when the logger is above the configured level', async () => {
    const { app, lines } = await givenLoggedApp(versionedHandler, { level: 'debug' }, 'info');
    await request(app).get('/').expect(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(lines.length, 0);
  });

  test("follows the logger's level when it changes while serving", async () => {
    const { app, lines, logger } = await givenLoggedApp(versionedHandler, {}, 'info');
    await request(app).get('/').expect(200);
    await eventually(() => lines.length === 1);
    logger.level = 'warn';
    await request(app).get('/').expect(200);
    logger.level = 'info';
    await request(app).get('/').expect(200);
    await eventually(() => lines.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(lines.length, 2, 'no line while the logger was at warn');
  });

  test('writes the line wsgi_log_format describes, from [wsgi] of wharf.conf', async () => {
    const capture = givenLogCapture();
    const container = givenConfigContainer({
      wsgi: { wsgi_log_format: '%(request_line)s -> %(status_code)s' }
    });
    const app = givenApp([
      await givenFilter(requestLogFilter, {}, { logger: capture.logger, container })
    ]);
    await request(app).get('/x').expect(200);
    await eventually(() => capture.lines.length === 1);
    assert.equal(capture.lines[0]?.message, 'GET /x HTTP/1.1 -> 200');
  });

  test('refuses an unknown placeholder at start-up, naming the option', () => {
    assert.throws(
      () => requestLogFilter(givenFactoryContext({ wsgi_log_format: '%(nope)s' })),
      (error: unknown) => error instanceof ConfigError && /wsgi_log_format/.test(error.message)
    );
  });

  test('refuses an unknown level', () => {
    assert.throws(
      () => requestLogFilter(givenFactoryContext({ level: 'loud' })),
      (error: unknown) => error instanceof ConfigError && /option level/.test(error.message)
    );
  });
});
