import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import type { RunningServer } from '../../../core/server/http-server.js';
import { delay, givenHeldHandler, givenServer, okHandler, request } from './given.js';

const started: RunningServer[] = [];
after(() => Promise.all(started.map((server) => server.close(0))));

/** A server whose client sockets time out after 200 ms idle; keep-alive is far longer. */
async function givenTimingOutServer(
  handler: http.RequestListener = okHandler,
  clientSocketTimeoutMs = 200
): Promise<RunningServer> {
  const server = await givenServer(handler, { clientSocketTimeoutMs, keepAliveTimeoutMs: 60_000 });
  started.push(server);
  return server;
}

/** Resolves true once `socket` closes, false if it is still open after `withinMs`. */
async function closesWithin(socket: net.Socket, withinMs: number): Promise<boolean> {
  if (socket.closed) return true;
  const closed = once(socket, 'close').then(() => true);
  return Promise.race([closed, delay(withinMs).then(() => false)]);
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  return socket;
}

describe('client_socket_timeout', () => {
  test('closes a connection that sends nothing', async () => {
    const server = await givenTimingOutServer();
    const socket = await connect(server.address.port);
    assert.equal(await closesWithin(socket, 5000), true);
  });

  test('closes a client that stops in the middle of its body', async () => {
    const held = givenHeldHandler();
    const server = await givenTimingOutServer(held.handler);
    const socket = await connect(server.address.port);
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789');
    await held.receivedAtLeast(1);
    assert.equal(await closesWithin(socket, 5000), true);
  });

  test('closes a kept-alive connection idle after its response', async () => {
    const server = await givenTimingOutServer();
    const agent = new http.Agent({ keepAlive: true });
    const sockets: net.Socket[] = [];
    agent.on('free', (socket: net.Socket) => sockets.push(socket));
    const outcome = await request(server.address.port, '/', { agent });
    assert.equal(outcome.status, 200);
    assert.equal(sockets.length, 1);
    assert.match(String(outcome.headers?.['keep-alive']), /timeout=0\b/);
    assert.equal(await closesWithin(sockets[0]!, 5000), true);
    agent.destroy();
  });

  test('does not cut a request whose handler answers after the timeout', async () => {
    const held = givenHeldHandler();
    const server = await givenTimingOutServer(held.handler);
    const outcome = request(server.address.port);
    await held.receivedAtLeast(1);
    await delay(700);
    held.releaseAll();
    assert.equal((await outcome).status, 200);
  });

  test('keeps an idle connection open when the timeout is 0', async () => {
    const server = await givenTimingOutServer(okHandler, 0);
    const socket = await connect(server.address.port);
    assert.equal(await closesWithin(socket, 600), false);
    socket.destroy();
  });
});
