import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { LINGER_MS, lingerAfterAnswer } from '../../../core/middleware/lingering-close.js';

/** The bound of the test that trickles a body past it. */
const SHORT_LINGER_MS = 300;
let shortServer: Server;
let longServer: Server;

/** A server that answers at once, before reading the body, as the sizelimit filter's 413 does. */
async function earlyAnswerServer(lingerMs: number): Promise<Server> {
  const server = createServer((req, res) => {
    lingerAfterAnswer(req, res, lingerMs);
    res.writeHead(413, { 'Content-Length': '9' });
    res.end('too large');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** The port `server` listens on. */
function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

before(async () => {
  shortServer = await earlyAnswerServer(SHORT_LINGER_MS);
  // The filter's own bound: far longer than an 8 MiB upload takes even on a loaded machine,
  // so a reset in the upload test is the filter's fault, not a too-short bound's.
  longServer = await earlyAnswerServer(LINGER_MS);
});
after(async () => {
  await Promise.all(
    [shortServer, longServer].map(
      (server) => new Promise<void>((resolve) => server.close(() => resolve()))
    )
  );
});

/** Uploads a body of `bodyBytes` as fast as the server takes it, reading the answer. */
function upload(
  port: number,
  bodyBytes: number
): Promise<{ received: string; error: string | null }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let error: string | null = null;
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', (cause: NodeJS.ErrnoException) => (error = cause.code ?? cause.message));
    socket.on('close', () => resolve({ received, error }));
    socket.write(`POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: ${bodyBytes}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 'z');
    let sent = 0;
    const pump = (): void => {
      while (sent < bodyBytes && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (!socket.destroyed) socket.end();
    };
    setImmediate(pump);
  });
}

describe('lingerAfterAnswer', () => {
  test('lets a client still uploading read the early answer, with no reset', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { received, error } = await upload(portOf(longServer), 8 * 1024 * 1024);
      assert.match(received, /^HTTP\/1\.1 413 /);
      assert.ok(received.endsWith('\r\n\r\ntoo large'), received);
      assert.equal(error, null);
    }
  });

  test('closes the connection when the body keeps coming past the bound', async () => {
    const socket = connect(portOf(shortServer), '127.0.0.1');
    socket.on('error', () => {});
    const started = Date.now();
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n');
    const trickle = setInterval(() => socket.write('z'.repeat(1024)), 20);
    await closed;
    clearInterval(trickle);
    const elapsed = Date.now() - started;
    assert.ok(
      elapsed >= SHORT_LINGER_MS && elapsed < 20 * SHORT_LINGER_MS,
      `closed after ${elapsed} ms`
    );
  });
});
