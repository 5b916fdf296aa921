import assert from 'node:assert/strict';
import {
  Agent,
  createServer,
  request,
  type IncomingMessage,
  type RequestListener,
  type Server
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import express from 'express';
import { readJsonBody } from '../../../core/api/request-body.js';
import { messageClassesFor } from '../../../core/server/request-prototypes.js';

/** What the server saw of one request's body. */
interface Seen {
  body: unknown;
  flowing: boolean | null;
  ended: boolean;
}

const servers: Server[] = [];
after(() => {
  for (const server of servers) server.close();
});

/**
 * A server with wharf's request classes (as `wharf serve` and the test host serve) that reads
 * each body with `readJsonBody` (in the turn the request came, as the API router does, or
 * after `before` ran on the request) and answers what it saw.
 */
async function givenServer(
  before?: (req: IncomingMessage) => Promise<void> | void
): Promise<number> {
  const app = express();
  const classes = messageClassesFor(app as unknown as RequestListener);
  assert.ok(classes);
  const server = createServer({ ...classes }, (req, res) => {
    void (async () => {
      const read = before
        ? Promise.resolve(before(req)).then(() => readJsonBody(req))
        : readJsonBody(req);
      const body = await read;
      // The end of the body was emitted as 'end', as for a reader of the stream.
      if (!req.readableEnded) await new Promise((resolve) => req.once('end', resolve));
      const seen: Seen = { body, flowing: req.readableFlowing, ended: req.readableEnded };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(seen));
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** POSTs `parts` (written one by one, a few ms apart) and returns what the server saw. */
function post(port: number, parts: string[], agent?: Agent): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = request(
      { port, host: '127.0.0.1', method: 'POST', path: '/', agent, timeout: 5000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          if (res.statusCode === 200) resolve(JSON.parse(text) as Seen);
          else reject(new Error(`${res.statusCode}: ${text}`));
        });
      }
    );
    req.on('timeout', () => req.destroy(new Error('no answer: the body was never read')));
    req.on('error', reject);
    req.setHeader('content-type', 'application/json');
    if (parts.length === 1) req.setHeader('content-length', Buffer.byteLength(parts[0]!));
    const write = (index: number): void => {
      if (index === parts.length) {
        req.end();
        return;
      }
      req.write(parts[index]!);
      setTimeout(() => write(index + 1), 10);
    };
    write(0);
  });
}

describe('the body of a wharf request', () => {
  test('is taken at push: the stream never flows, and still ends', async () => {
    const port = await givenServer();
    assert.deepEqual(await post(port, ['{"bench-poke": null}']), {
      body: { 'bench-poke': null },
      flowing: null,
      ended: true
    });
  });

  test('is put together from chunks that arrive one by one', async () => {
    const port = await givenServer();
    const seen = await post(port, ['{"server": ', '{"name": "a"', '}}']);
    assert.deepEqual(seen.body, { server: { name: 'a' } });
    assert.equal(seen.flowing, null);
  });

  test('goes through the stream when something else intercepts push (sizelimit)', async () => {
    const port = await givenServer((req) => {
      const push = req.push;
      req.push = function counting(this: IncomingMessage, chunk, encoding) {
        return push.call(this, chunk, encoding);
      };
    });
    const seen = await post(port, ['{"a": ', '1}']);
    assert.deepEqual(seen.body, { a: 1 });
    assert.equal(seen.flowing, true);
  });

  test('goes through the stream when part of it arrived before it was read', async () => {
    const port = await givenServer(async (req) => {
      await new Promise((resolve) => req.once('readable', resolve));
    });
    const seen = await post(port, ['{"a": ', '2}']);
    assert.deepEqual(seen.body, { a: 2 });
  });

  test('leaves the connection ready for the next request', async () => {
    const port = await givenServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let index = 0; index < 3; index += 1) {
        assert.deepEqual((await post(port, [`{"n": ${index}}`], agent)).body, { n: index });
      }
    } finally {
      agent.destroy();
    }
  });
});
