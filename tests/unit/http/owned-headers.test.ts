/**
 * A response keeping wharf's headers in its own list (core/http/owned-headers.ts) must look
 * and read exactly like one whose every header was set with `setHeader`: each scenario runs
 * on a server with wharf's response class and on a plain Express server, and the raw
 * responses (Date masked) and everything read back are compared byte for byte.
 */
import assert from 'node:assert/strict';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import express, { type Response } from 'express';
import {
  appendResponseHeader,
  OWNED_HEADERS,
  setResponseHeader,
  type OwningResponse
} from '../../../core/http/owned-headers.js';
import { messageClassesFor } from '../../../core/server/request-prototypes.js';

/** One response: writes it, noting in `seen` what it reads back. */
type Scenario = (res: Response, seen: unknown[]) => void;

const servers: Server[] = [];
after(() => {
  for (const server of servers) server.close();
});

/** Serves `scenario` with wharf's response class (owning) or Express's usual objects. */
async function givenServer(scenario: Scenario, owning: boolean): Promise<ServerAnswers> {
  const seen: unknown[] = [];
  const app = express();
  // As wharf's host app: Express would set its header first, with setHeader.
  app.disable('x-powered-by');
  app.use((_req, res) => {
    scenario(res, seen);
    res.on('finish', () => seen.push(['after', res.getHeaders(), res.getHeader('Content-Length')]));
  });
  const classes = owning ? messageClassesFor(app as unknown as RequestListener) : null;
  const server = createServer({ ...classes }, app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

interface ServerAnswers {
  port: number;
  seen: unknown[];
}

/** The raw bytes answering `head` (a request head without its blank line), Date masked. */
async function rawAnswer(port: number, head: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.write(`${head}\r\nHost: test\r\nConnection: close\r\n\r\n`);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('latin1')
    .replace(/^Date: .*\r\n/m, 'Date: -\r\n');
}

/** Runs `scenario` on both servers; asserts the same bytes and reads; returns the bytes. */
async function sameAnswer(scenario: Scenario, head = 'GET / HTTP/1.1'): Promise<string> {
  const owning = await givenServer(scenario, true);
  const plain = await givenServer(scenario, false);
  const ownBytes = await rawAnswer(owning.port, head);
  const plainBytes = await rawAnswer(plain.port, head);
  assert.equal(ownBytes, plainBytes);
  assert.deepEqual(owning.seen, plain.seen);
  return ownBytes;
}

/** wharf's own headers of a show, as the server, the router and sendResponse set them. */
function wharfHeaders(res: ServerResponse): void {
  setResponseHeader(res, 'x-openstack-request-id', 'req-1');
  setResponseHeader(res, 'x-compute-request-id', 'req-1');
  setResponseHeader(res, 'X-Wharf-Fingerprint', 'sha256:0');
  setResponseHeader(res, 'OpenStack-API-Version', 'compute 2.1');
  setResponseHeader(res, 'Vary', 'OpenStack-API-Version');
}

/** Sends `body` as sendResponse does. */
function sendJson(res: ServerResponse, body: string): void {
  setResponseHeader(res, 'Content-Type', 'application/json');
  setResponseHeader(res, 'Content-Length', Buffer.byteLength(body));
  res.end(body);
}

describe('owned response headers', () => {
  test('hand every header to one writeHead, in order and case, and read them back after', async () => {
    let keptOwn: boolean | undefined;
    const bytes = await sameAnswer((res, seen) => {
      wharfHeaders(res);
      seen.push(res.getHeader('x-OPENSTACK-request-id'), res.hasHeader('vary'));
      sendJson(res, '{"a":1}');
      if ((res as OwningResponse)[OWNED_HEADERS] !== undefined) {
        keptOwn = (res as OwningResponse)[OWNED_HEADERS] !== null;
      }
      const raw = (res as unknown as { getRawHeaderNames(): string[] }).getRawHeaderNames();
      seen.push(res.getHeaderNames(), raw, res.headersSent);
    });
    assert.equal(keptOwn, true, 'the owning response never gave its headers to setHeader');
    assert.match(
      bytes,
      /^HTTP\/1\.1 200 OK\r\nx-openstack-request-id: req-1\r\nx-compute-request-id: req-1\r\nX-Wharf-Fingerprint: sha256:0\r\nOpenStack-API-Version: compute 2\.1\r\nVary: OpenStack-API-Version\r\nContent-Type: application\/json\r\nContent-Length: 7\r\nDate: -\r\nConnection: close\r\n\r\n\{"a":1\}$/
    );
  });

  test('replace a header set twice at its first place, with the last name case', async () => {
    const bytes = await sameAnswer((res) => {
      setResponseHeader(res, 'content-type', 'text/plain');
      wharfHeaders(res);
      setResponseHeader(res, 'Vary', 'OpenStack-API-Version, X-OpenStack-Nova-API-Version');
      sendJson(res, '{}');
    });
    assert.equal(bytes.match(/content-type/gi)?.length, 1);
    assert.equal(bytes.match(/^Vary:/gm)?.length, 1);
  });

  test("keep a filter's setHeader, appendHeader and removeHeader in their place", async () => {
    const bytes = await sameAnswer((res, seen) => {
      setResponseHeader(res, 'x-openstack-request-id', 'req-1');
      res.setHeader('X-Filter', 'one');
      res.appendHeader('Vary', 'Origin');
      setResponseHeader(res, 'Vary', `${String(res.getHeader('Vary'))}, OpenStack-API-Version`);
      res.removeHeader('x-filter');
      seen.push(res.getHeaders());
      sendJson(res, '{}');
    });
    assert.match(bytes, /\r\nVary: Origin, OpenStack-API-Version\r\n/);
    assert.doesNotMatch(bytes, /X-Filter/i);
  });

  test("append as Node's appendHeader does, a first value kept, a second one Node's", async () => {
    let keptOwn: boolean | undefined;
    const once = await sameAnswer((res) => {
      appendResponseHeader(res, 'Vary', 'Origin');
      setResponseHeader(res, 'x-openstack-request-id', 'req-1');
      setResponseHeader(res, 'Vary', `${String(res.getHeader('vary'))}, OpenStack-API-Version`);
      keptOwn ??= (res as OwningResponse)[OWNED_HEADERS] != null;
      sendJson(res, '{}');
    });
    assert.equal(keptOwn, true);
    assert.match(once, /\r\nVary: Origin, OpenStack-API-Version\r\n/);
    const twice = await sameAnswer((res, seen) => {
      appendResponseHeader(res, 'Vary', 'Origin');
      appendResponseHeader(res, 'vary', 'Accept');
      seen.push(res.getHeader('Vary'));
      sendJson(res, '{}');
    });
    assert.match(twice, /\r\nVary: Origin\r\nVary: Accept\r\n/);
  });

  test('merge the headers given to writeHead with the kept ones', async () => {
    await sameAnswer((res) => {
      wharfHeaders(res);
      res.writeHead(201, { Location: '/x', vary: 'Accept' });
      res.end();
    });
    await sameAnswer((res) => {
      wharfHeaders(res);
      res.writeHead(202, ['Link', '</a>', 'Link', '</b>']);
      res.end();
    });
    await sameAnswer((res) => {
      wharfHeaders(res);
      res.writeHead(299, 'Fine');
      res.end('x');
    });
  });

  test("serve Express's own helpers and a streamed body", async () => {
    await sameAnswer((res) => {
      wharfHeaders(res);
      res.status(418).json({ teapot: true });
    });
    await sameAnswer((res) => {
      wharfHeaders(res);
      res.write('a');
      res.end('b');
    });
  });

  test('answer HEAD, 204 and 304 as before', async () => {
    const head = await sameAnswer((res) => {
      wharfHeaders(res);
      sendJson(res, '{"a":1}');
    }, 'HEAD / HTTP/1.1');
    assert.match(head, /Content-Length: 7\r\n[^]*\r\n\r\n$/);
    for (const status of [204, 304]) {
      await sameAnswer((res) => {
        wharfHeaders(res);
        res.statusCode = status;
        res.end();
      });
    }
  });

  test('refuse changes after the head was written, as Node does', async () => {
    await sameAnswer((res, seen) => {
      wharfHeaders(res);
      sendJson(res, '{}');
      for (const change of [
        () => res.setHeader('X-Late', '1'),
        () => setResponseHeader(res, 'X-Late', '1'),
        () => res.removeHeader('Vary')
      ]) {
        try {
          change();
          seen.push('changed');
        } catch (error) {
          seen.push((error as NodeJS.ErrnoException).code);
        }
      }
    });
  });
});
