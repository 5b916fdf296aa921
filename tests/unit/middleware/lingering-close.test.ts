import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { lingerAfterAnswer } from '../../../core/middleware/lingering-close.js';

const LINGER_MS = 300;

let server: Server;
let port: number;

before(async () => {
  // Answers at once, before reading the body, as the sizelimit filter's 413 does.
  server = createServer((req, res) => {
    lingerAfterAnswer(req, res, LINGER_MS);
    res.writeHead(413, { 'Content-Length': '9' });
    res.end('too large');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Uploads a body of `bodyBytes` as fast as the server takes it, reading the answer. */
function upload(bodyBytes: number): Promise<{ received: string; error: string | null }> {
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
      const { received, error } = await upload(8 * 1024 * 1024);
      assert.match(received, /^HTTP\/1\.1 413 /);
      assert.ok(received.endsWith('\r\n\r\ntoo large'), received);
      assert.equal(error, null);
    }
  });

  test('closes the connection when the body keeps coming past the bound', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    const started = Date.now();
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n');
    const trickle = setInterval(() => socket.write('z'.repeat(1024)), 20);
    await closed;
    clearInterval(trickle);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= LINGER_MS && elapsed < 20 * LINGER_MS, `closed after ${elapsed} ms`);
  });
});
