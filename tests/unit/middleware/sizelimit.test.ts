import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { ConfigError } from '../../../core/errors.js';
import { sizelimitFilter } from '../../../core/middleware/sizelimit.js';
import { givenApp, givenFactoryContext, givenFilter, givenServer } from './given.js';

const TOO_LARGE = { overLimit: { code: 413, message: 'Request is too large.' } };

/** What the app saw of the last body. */
const seen = { bytes: 0, ended: false };

/** Forgets the last body. */
function givenNothingSeen(): void {
  seen.bytes = 0;
  seen.ended = false;
}

/** Reads the body as a stream, as the API router does, and reports its size. */
const readBody: RequestHandler = function readBody(req, res) {
  givenNothingSeen();
  req.on('data', (chunk: Buffer) => (seen.bytes += chunk.length));
  req.on('end', () => {
    seen.ended = true;
    res.json({ bytes: seen.bytes });
  });
  req.on('error', () => {});
};

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** POSTs `chunks` with chunked encoding; `end` false leaves the body unfinished. */
async function postChunks(port: number, chunks: Buffer[], end: boolean): Promise<RawResponse> {
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/' });
  req.on('error', () => {});
  const responded = once(req, 'response');
  for (const chunk of chunks) req.write(chunk);
  if (end) req.end();
  const [res] = (await responded) as [http.IncomingMessage];
  let text = '';
  for await (const part of res) text += String(part);
  req.destroy();
  return { status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) };
}

describe('sizelimit filter', () => {
  let server: Awaited<ReturnType<typeof givenServer>>;

  before(async () => {
    const filter = await givenFilter(sizelimitFilter, { max_request_body_size: '100' });
    server = await givenServer(givenApp([filter], readBody));
  });
  after(() => server.close());

  test('passes a body within the limit', async () => {
    const app = givenApp(
      [await givenFilter(sizelimitFilter, { max_request_body_size: '100' })],
      readBody
    );
    await request(app).post('/').send('x'.repeat(100)).expect(200, { bytes: 100 });
    const res = await postChunks(server.port, [Buffer.alloc(60), Buffer.alloc(40)], true);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { bytes: 100 });
  });

  test('refuses a Content-Length over the limit before reading the body', async () => {
    const app = givenApp(
      [await givenFilter(sizelimitFilter, { max_request_body_size: '100' })],
      readBody
    );
    givenNothingSeen();
    const res = await request(app).post('/').send('y'.repeat(101)).expect(413);
    assert.deepEqual(res.body, TOO_LARGE);
    assert.equal(seen.ended, false);
  });

  test('cuts off a chunked body as soon as it crosses the limit', async () => {
    givenNothingSeen();
    const res = await postChunks(server.port, [Buffer.alloc(64), Buffer.alloc(64)], false);
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, TOO_LARGE);
    // The connection stays while the rest of the body is discarded (lingering-close.ts).
    assert.notEqual(res.headers.connection, 'close');
    assert.ok(seen.bytes <= 100, `the app saw ${seen.bytes} bytes`);
    assert.equal(seen.ended, false);
  });

  test('closes the connection when a body still read crosses the limit after the response', async () => {
    const early = givenApp(
      [await givenFilter(sizelimitFilter, { max_request_body_size: '100' })],
      (req, res) => {
        // Still reading after answering: Node keeps pushing the body instead of dumping it.
        req.on('data', () => {});
        res.json({ answered: 'early' });
      }
    );
    const earlyServer = await givenServer(early);
    try {
      const req = http.request({
        host: '127.0.0.1',
        port: earlyServer.port,
        method: 'POST',
        path: '/'
      });
      req.on('error', () => {});
      req.write(Buffer.alloc(50));
      const [res] = (await once(req, 'response')) as [http.IncomingMessage];
      res.resume();
      req.write(Buffer.alloc(64));
      await once(req.socket!, 'close');
      assert.equal(res.statusCode, 200);
    } finally {
      await earlyServer.close();
    }
  });

  test("uses nova's 112 KiB by default", async () => {
    const app = givenApp([await givenFilter(sizelimitFilter)], readBody);
    await request(app).post('/').send('z'.repeat(114688)).expect(200);
    await request(app).post('/').send('z'.repeat(114689)).expect(413);
  });

  test('refuses a bad max_request_body_size', () => {
    for (const value of ['0', '-1', 'big', '1.5']) {
      assert.throws(
        () => sizelimitFilter(givenFactoryContext({ max_request_body_size: value })),
        (error: unknown) =>
          error instanceof ConfigError && /option max_request_body_size/.test(error.message)
      );
    }
  });
});
