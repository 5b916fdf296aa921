import assert from 'node:assert/strict';
import { once } from 'node:events';
import http, { type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { eventually, givenHeldHandler, givenServer, okHandler, request } from './given.js';

/** How long `promise` takes to settle, in ms. */
async function timed(promise: Promise<unknown>): Promise<number> {
  const start = Date.now();
  await promise;
  return Date.now() - start;
}

describe('RunningServer.close', () => {
  test('lets every request in flight finish with 200 and refuses new connections', async () => {
    const held = givenHeldHandler();
    const server = await givenServer(held.handler);
    const { port } = server.address;
    const inFlight = [request(port, '/a'), request(port, '/b'), request(port, '/c')];
    await held.receivedAtLeast(3);

    const closed = server.close(5000);
    let closeResolved = false;
    void closed.then(() => (closeResolved = true));
    assert.equal((await request(port, '/late')).error, 'ECONNREFUSED');
    assert.equal(closeResolved, false);

    held.releaseAll();
    const outcomes = await Promise.all(inFlight);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 200);
      assert.equal(outcome.headers?.connection, 'close');
    }
    await closed;
    assert.equal(server.inFlight(), 0);
  });

  test('answers a request still running at the drain timeout with a 503 fault', async () => {
    const held = givenHeldHandler();
    const server = await givenServer(held.handler);
    const stuck = request(server.address.port, '/never');
    await held.receivedAtLeast(1);

    const closing = server.close(200);
    const elapsed = await timed(closing);
    assert.ok(elapsed >= 190 && elapsed < 2000, `closed after ${elapsed} ms`);
    assert.deepEqual(await closing, { cut: 1 });
    const outcome = await stuck;
    assert.equal(outcome.status, 503);
    assert.equal(outcome.headers?.connection, 'close');
    assert.equal(JSON.parse(outcome.body!).serviceUnavailable.code, 503);
    assert.equal(server.inFlight(), 0);
    held.releaseAll();
  });

  test('cuts the connection of a started response still running at the drain timeout', async () => {
    const server = await givenServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('part one;');
    });
    const outcome = request(server.address.port, '/stream');
    await eventually(() => server.inFlight() === 1);

    assert.deepEqual(await server.close(100), { cut: 1 });
    assert.equal((await outcome).error, 'ECONNRESET');
  });

  test('keeps an idle keep-alive connection open and answers its next request with Connection: close', async () => {
    const server = await givenServer(okHandler);
    const agent = new http.Agent({ keepAlive: true });
    assert.equal((await request(server.address.port, '/', { agent })).status, 200);

    const closing = server.close(10_000);
    let closed = false;
    void closing.then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(closed, false);
    const next = await request(server.address.port, '/again', { agent });
    assert.equal(next.status, 200);
    assert.equal(next.headers?.connection, 'close');
    assert.deepEqual(await closing, { cut: 0 });
    agent.destroy();
  });

  test('closes an idle keep-alive connection at its keep-alive timeout', async () => {
    const server = await givenServer(okHandler, { keepAliveTimeoutMs: 300 });
    const socket = connect(server.address.port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await once(socket, 'data');

    const elapsed = await timed(server.close(10_000));
    assert.ok(elapsed >= 150 && elapsed < 2000, `closed after ${elapsed} ms`);
    socket.destroy();
  });

  test('keeps a kept-alive connection whose response had started until its next request', async () => {
    let streaming: ServerResponse | undefined;
    const server = await givenServer((req, res) => {
      if (req.url !== '/stream') return okHandler(req, res);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('part one;');
      streaming = res;
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const outcome = request(server.address.port, '/stream', { agent });
    await eventually(() => streaming !== undefined);

    const closed = server.close(10_000);
    streaming!.end('part two');
    assert.equal((await outcome).body, 'part one;part two');
    const next = await request(server.address.port, '/next', { agent });
    assert.equal(next.status, 200);
    assert.equal(next.headers?.connection, 'close');
    assert.deepEqual(await closed, { cut: 0 });
    agent.destroy();
  });

  test('answers a request that completes its head during the drain with Connection: close', async () => {
    const server = await givenServer(okHandler);
    const socket = connect(server.address.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /late HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const closed = server.close(5000);
    socket.write('\r\n');
    let raw = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (raw += chunk));
    await once(socket, 'end');
    await closed;
    assert.match(raw, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(raw, /\r\nConnection: close\r\n/i);
  });

  test('returns the same promise when called twice', async () => {
    const server = await givenServer(okHandler);
    const first = server.close(1000);
    assert.equal(server.close(5), first);
    await first;
  });
});
