import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { httpServerOptionsFor } from '../../core/server/http-server-options.js';
import { startHttpServer } from '../../core/server/http-server.js';
import type { TestHost } from '../helpers/test-host.js';
import { givenFaultyHost, loggedLine, requestLogLine } from './extension-faults-given.js';

let host: TestHost;
before(async () => {
  host = await givenFaultyHost({
    'wsgi.request_deadline': '0.2',
    'extensions.quarantine_threshold': '0'
  });
});
after(() => host.close());

describe('[wsgi] request_deadline', () => {
  test('answers a handler that never resolves with a 504 computeFault at the deadline', async () => {
    const started = Date.now();
    const reply = await host.call('GET', '/v2.1/faulty-async/forever');
    const elapsed = Date.now() - started;
    assert.equal(reply.status, 504);
    assert.deepEqual(Object.keys(reply.body), ['computeFault']);
    assert.equal(reply.body.computeFault.code, 504);
    assert.ok(elapsed >= 190 && elapsed < 5000, `answered after ${elapsed} ms`);
    const requestId = reply.headers.get('x-openstack-request-id');
    assert.ok(requestId);
    const line = await requestLogLine(host.lines, requestId);
    assert.equal(line.status, 504);
    assert.equal(line.extension, 'faulty-async');
  });

  test('discards and logs a result that arrives after the deadline, naming the extension', async () => {
    const reply = await host.call('GET', '/v2.1/faulty-async/500');
    assert.equal(reply.status, 504);
    const requestId = reply.headers.get('x-openstack-request-id');
    const late = await loggedLine(
      host.lines,
      (line) => line.requestId === requestId && /late result/.test(line.message)
    );
    assert.equal(late.extension, 'faulty-async');
  });

  test('discards and logs an error that arrives after the deadline', async () => {
    const reply = await host.call('GET', '/v2.1/faulty-async/reject-400');
    assert.equal(reply.status, 504);
    const requestId = reply.headers.get('x-openstack-request-id');
    const late = await loggedLine(
      host.lines,
      (line) => line.requestId === requestId && /late error/.test(line.message)
    );
    assert.equal(late.extension, 'faulty-async');
    assert.equal(late.error, 'rejected late');
  });

  test('lets a handler that finishes in time answer', async () => {
    const reply = await host.call('GET', '/v2.1/faulty-async/10');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { faulty: { waited: 10 } });
  });

  test("frees the request's concurrency slot", async () => {
    const options = httpServerOptionsFor(host.host.config, 'osapi_compute', host.host.logger);
    const server = await startHttpServer(host.host.apps.get('osapi_compute')!, {
      ...options,
      host: '127.0.0.1',
      port: 0,
      maxConcurrentRequests: 1
    });
    try {
      const url = `http://127.0.0.1:${server.address.port}/v2.1`;
      const headers = { 'X-Auth-Token': 'user1:project1' };
      for (let round = 0; round < 3; round += 1) {
        const hung = await fetch(`${url}/faulty-async/forever`, { headers });
        assert.equal(hung.status, 504);
        await hung.text();
      }
      const next = await fetch(`${url}/extensions`, { headers });
      assert.equal(next.status, 200);
      assert.equal(server.inFlight(), 0);
    } finally {
      await server.close(0);
    }
  });
});

describe('[extensions] request_deadlines', () => {
  let overridden: TestHost;
  before(async () => {
    overridden = await givenFaultyHost({
      'wsgi.request_deadline': '0.2',
      'extensions.request_deadlines': 'faulty-async:1.5',
      'extensions.quarantine_threshold': '0'
    });
  });
  after(() => overridden.close());

  test("gives the extension's own deadline instead of [wsgi] request_deadline", async () => {
    assert.equal((await overridden.call('GET', '/v2.1/faulty-async/500')).status, 200);
    const started = Date.now();
    const reply = await overridden.call('GET', '/v2.1/faulty-async/forever');
    const elapsed = Date.now() - started;
    assert.equal(reply.status, 504);
    assert.match(reply.body.computeFault.message, /1\.5 seconds/);
    assert.ok(elapsed >= 1400 && elapsed < 10_000, `answered after ${elapsed} ms`);
  });

  test('refuses an item that is not alias:seconds at start-up', async () => {
    await assert.rejects(givenFaultyHost({ 'extensions.request_deadlines': 'faulty-async' }), {
      code: 'WHARF_CONFIG_INVALID'
    });
  });
});
