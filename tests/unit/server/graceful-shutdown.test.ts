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

  test('cuts a request that never finishes once the drain timeout expires', async () => {
    const held = givenHeldHandler();
    const server = await givenServer(held.handler);
    const stuck = request(server.address.port, '/never');
    await held.receivedAtLeast(1);

    const elapsed = await timed(server.close(200));
    assert.ok(elapsed >= 190 && elapsed < 2000, `closed after ${elapsed} ms`);
    assert.equal((await stuck).error, 'ECONNRESET');
    assert.equal(server.inFlight(), 0);
  });

  test('closes idle keep-alive connections at once', async () => {
    const server = await givenServer(okHandler);
    const agent = new http.Agent({ keepAlive: true });
    assert.equal((await request(server.address.port, '/', { agent })).status, 200);

    const elapsed = await timed(server.close(10_000));
    assert.ok(elapsed < 1000, `closed after ${elapsed} ms`);
    agent.destroy();
  });

  test('ends a kept-alive connection whose response had started once it finishes', async () => {
    let streaming: ServerResponse | undefined;
    const server = await givenServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('part one;');
      streaming = res;
    });
    const agent = new http.Agent({ keepAlive: true });
    const outcome = request(server.address.port, '/stream', { agent });
    await eventually(() => streaming !== undefined);

    const closed = server.close(10_000);
    streaming!.end('part two');
    const elapsed = await timed(closed);
    assert.ok(elapsed < 1000, `closed after ${elapsed} ms`);
    assert.equal((await outcome).body, 'part one;part two');
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
