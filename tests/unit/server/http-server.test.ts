import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { connect } from 'node:net';
import { after, describe, test } from 'node:test';
import { faultName } from '../../../core/http/faults.js';
import { HTTPConflict } from '../../../core/errors.js';
import type { RunningServer } from '../../../core/server/http-server.js';
import {
  delay,
  eventually,
  givenHeldHandler,
  givenServer,
  okHandler,
  quietLogger,
  request
} from './given.js';

const started: RunningServer[] = [];

/** Starts a server closed after the suite. */
async function givenTrackedServer(...args: Parameters<typeof givenServer>): Promise<RunningServer> {
  const server = await givenServer(...args);
  started.push(server);
  return server;
}

after(() => Promise.all(started.map((server) => server.close(0))));

describe('startHttpServer', () => {
  test('listens on 127.0.0.1 and reports the port it got', async () => {
    const server = await givenTrackedServer(okHandler);
    assert.equal(server.address.host, '127.0.0.1');
    assert.ok(server.address.port > 0);
    const outcome = await request(server.address.port);
    assert.equal(outcome.status, 200);
  });

  test('answers 414 with a fault when the URL is longer than maxUrlLength', async () => {
    let calls = 0;
    const server = await givenTrackedServer(
      (req, res) => {
        calls += 1;
        okHandler(req, res);
      },
      { maxUrlLength: 20 }
    );
    const outcome = await request(server.address.port, `/${'x'.repeat(20)}`);
    assert.equal(outcome.status, 414);
    assert.match(String(outcome.headers?.['content-type']), /^application\/json/);
    const fault = JSON.parse(outcome.body!)[faultName(414)];
    assert.equal(fault.code, 414);
    assert.match(fault.message, /^The request URI is too long: 21 bytes, at most 20/);
    assert.equal(calls, 0);
  });

  test('passes a URL exactly maxUrlLength long', async () => {
    const server = await givenTrackedServer(okHandler, { maxUrlLength: 20 });
    const outcome = await request(server.address.port, `/${'x'.repeat(19)}`);
    assert.equal(outcome.status, 200);
  });

  test('answers 503 with Retry-After past maxConcurrentRequests, without the handler', async () => {
    const held = givenHeldHandler();
    const server = await givenTrackedServer(held.handler, { maxConcurrentRequests: 1 });
    const slow = request(server.address.port, '/slow');
    await held.receivedAtLeast(1);

    const refused = await request(server.address.port, '/second');
    assert.equal(refused.status, 503);
    assert.equal(refused.headers?.['retry-after'], '1');
    assert.match(String(refused.headers?.['x-openstack-request-id']), /^req-/);
    assert.equal(
      refused.headers?.['x-compute-request-id'],
      refused.headers?.['x-openstack-request-id']
    );
    assert.equal(JSON.parse(refused.body!).serviceUnavailable.code, 503);
    assert.equal(held.received, 1);
    assert.equal(server.inFlight(), 1);

    held.releaseAll();
    assert.equal((await slow).status, 200);
    await eventually(() => server.inFlight() === 0);
    const next = request(server.address.port, '/third');
    await held.receivedAtLeast(2);
    held.releaseAll();
    assert.equal((await next).status, 200);
  });

  test('counts a request whose client went away as finished', async () => {
    const held = givenHeldHandler();
    const server = await givenTrackedServer(held.handler, { maxConcurrentRequests: 1 });
    const req = http.get({ host: '127.0.0.1', port: server.address.port, path: '/', agent: false });
    req.on('error', () => {});
    await held.receivedAtLeast(1);
    assert.equal(server.inFlight(), 1);
    req.destroy();
    await eventually(() => server.inFlight() === 0);
    const next = request(server.address.port);
    await held.receivedAtLeast(2);
    held.releaseAll();
    assert.equal((await next).status, 200);
  });

  test('keeps connections alive for keepAliveTimeoutMs', async () => {
    const server = await givenTrackedServer(okHandler);
    const agent = new http.Agent({ keepAlive: true });
    const outcome = await request(server.address.port, '/', { agent });
    assert.equal(outcome.headers?.connection, 'keep-alive');
    assert.match(String(outcome.headers?.['keep-alive']), /timeout=5/);
    agent.destroy();
  });

  test('closes every connection after its response when keepAliveTimeoutMs is 0', async () => {
    const server = await givenTrackedServer(okHandler, { keepAliveTimeoutMs: 0 });
    const agent = new http.Agent({ keepAlive: true });
    const outcome = await request(server.address.port, '/', { agent });
    assert.equal(outcome.status, 200);
    assert.equal(outcome.headers?.connection, 'close');
    agent.destroy();
  });

  test('answers 431 to a request head larger than maxHeaderSize', async () => {
    const server = await givenTrackedServer(okHandler, { maxHeaderSize: 1024 });
    const outcome = await new Promise<number | undefined>((resolve) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: server.address.port,
          agent: false,
          headers: { 'X-Big': 'y'.repeat(2048) }
        },
        (res) => resolve(res.statusCode)
      );
      req.on('error', () => resolve(undefined));
    });
    assert.equal(outcome, 431);
  });

  test('answers with the fault of an error the handler throws synchronously', async () => {
    const server = await givenTrackedServer(() => {
      throw new HTTPConflict('busy');
    });
    const outcome = await request(server.address.port);
    assert.equal(outcome.status, 409);
    assert.equal(JSON.parse(outcome.body!).conflictingRequest.message, 'busy');
    assert.equal(server.inFlight(), 0);
  });

  test('rejects with WHARF_LISTEN_FAILED, keeping EADDRINUSE as the cause, when the port is taken', async () => {
    const first = await givenTrackedServer(okHandler);
    await assert.rejects(
      givenServer(okHandler, { port: first.address.port, logger: quietLogger }),
      (error: Error) => {
        assert.equal((error as { code?: string }).code, 'WHARF_LISTEN_FAILED');
        assert.equal((error.cause as { code?: string }).code, 'EADDRINUSE');
        return true;
      }
    );
  });
});

describe('startHttpServer admission', () => {
  test('lets a request wait up to maxQueueWaitMs for a slot, first come first served', async () => {
    const held = givenHeldHandler();
    const server = await givenTrackedServer(held.handler, {
      maxConcurrentRequests: 1,
      maxQueueWaitMs: 5000
    });
    const first = request(server.address.port, '/first');
    await held.receivedAtLeast(1);
    const second = request(server.address.port, '/second');
    await eventually(() => server.inFlight() === 1 && held.received === 1);

    held.releaseAll();
    assert.equal((await first).status, 200);
    await held.receivedAtLeast(2);
    held.releaseAll();
    assert.equal((await second).status, 200);
  });

  test('answers 503 with Retry-After once maxQueueWaitMs passed without a slot', async () => {
    const held = givenHeldHandler();
    const server = await givenTrackedServer(held.handler, {
      maxConcurrentRequests: 1,
      maxQueueWaitMs: 200
    });
    const first = request(server.address.port, '/first');
    await held.receivedAtLeast(1);
    const started = Date.now();
    const refused = await request(server.address.port, '/second');
    assert.equal(refused.status, 503);
    assert.equal(refused.headers?.['retry-after'], '1');
    assert.ok(Date.now() - started >= 150, 'refused before its wait was over');
    assert.equal(held.received, 1);
    held.releaseAll();
    assert.equal((await first).status, 200);
  });

  test('answers /healthcheck even when every slot is taken', async () => {
    const held = givenHeldHandler();
    const server = await givenTrackedServer(
      (req, res) =>
        req.url?.startsWith('/healthcheck') ? okHandler(req, res) : held.handler(req, res),
      { maxConcurrentRequests: 1 }
    );
    const busy = request(server.address.port, '/busy');
    await held.receivedAtLeast(1);
    assert.equal((await request(server.address.port, '/other')).status, 503);
    assert.equal((await request(server.address.port, '/healthcheck')).status, 200);
    assert.equal((await request(server.address.port, '/healthcheck?detailed=1')).status, 200);
    for (const other of ['/healthcheckx', '/healthcheck/x', '/v2.1/healthcheck']) {
      assert.equal((await request(server.address.port, other)).status, 503, other);
    }
    held.releaseAll();
    assert.equal((await busy).status, 200);
  });

  test('refuses at once while the event loop is held longer than maxQueueWaitMs', async () => {
    const server = await givenTrackedServer(okHandler, {
      maxConcurrentRequests: 10,
      maxQueueWaitMs: 100
    });
    const socket = connect(server.address.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /after-a-stall HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const until = Date.now() + 400;
    while (Date.now() < until); // holds the loop: the request waits unseen in its socket
    const [head] = (await once(socket, 'data')) as [Buffer];
    assert.match(head.toString(), /^HTTP\/1\.1 503 /);
    socket.destroy();
    await delay(100);
    assert.equal((await request(server.address.port, '/later')).status, 200);
  });
});
