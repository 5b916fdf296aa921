import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { describe, test } from 'node:test';
import request from 'supertest';
import { createContext, setContext } from '../../../core/context.js';
import {
  ClientDisconnectedError,
  ExtensionFaultError,
  ExtensionQuarantinedError,
  HTTPConflict
} from '../../../core/errors.js';
import { answerError } from '../../../core/http/answer-error.js';
import { UNEXPECTED_ERROR_MESSAGE } from '../../../core/http/faults.js';
import { OPENSTACK_REQUEST_ID_HEADER } from '../../../core/http/request-id-headers.js';
import { requestIdFilter } from '../../../core/middleware/request-id.js';
import {
  eventually,
  givenApp,
  givenFilter,
  givenLogCapture,
  givenServer
} from '../middleware/given.js';

/** The keys every line of the answerer carries. */
const SHAPE = ['error', 'method', 'path', 'requestId', 'status'];

/** An app whose only handler answers `error` through `answerError`, logging into `capture`. */
async function givenAnswering(error: unknown, capture = givenLogCapture()) {
  const app = givenApp(
    [await givenFilter(requestIdFilter, {}, { logger: capture.logger })],
    (req, res) => answerError(error, req, res)
  );
  return { app, lines: capture.lines };
}

describe('answerError', () => {
  test('answers an unexpected error with a bare 500 and one error line with its stack', async () => {
    const { app, lines } = await givenAnswering(new Error('database password is hunter2'));
    const res = await request(app).get('/servers?x=1').expect(500);
    assert.deepEqual(res.body, { computeFault: { code: 500, message: UNEXPECTED_ERROR_MESSAGE } });
    assert.doesNotMatch(res.text, /hunter2/);
    await eventually(() => lines.some((line) => line.level === 'error'));
    const line = lines.find((entry) => entry.level === 'error')!;
    for (const key of SHAPE) assert.ok(key in line, key);
    assert.equal(line.requestId, res.headers[OPENSTACK_REQUEST_ID_HEADER]);
    assert.equal(line.method, 'GET');
    assert.equal(line.path, '/servers?x=1');
    assert.equal(line.status, 500);
    assert.match(String(line.stack), /hunter2\n\s+at /);
  });

  test('names the extension at fault and logs the stack of the error it wrapped', async () => {
    const cause = new RangeError('off by one');
    const { app, lines } = await givenAnswering(
      new ExtensionFaultError('faulty', 'unexpected error in faulty', { cause })
    );
    await request(app).get('/').expect(500);
    await eventually(() => lines.some((line) => line.level === 'error'));
    const line = lines.find((entry) => entry.level === 'error')!;
    assert.equal(line.extension, 'faulty');
    assert.match(String(line.stack), /RangeError: off by one/);
  });

  test('answers an expected HTTP error with its fault and a debug line without stack', async () => {
    const { app, lines } = await givenAnswering(new HTTPConflict('busy'));
    const res = await request(app).get('/').expect(409);
    assert.equal(res.body.conflictingRequest.message, 'busy');
    await eventually(() => lines.some((line) => line.status === 409));
    const line = lines.find((entry) => entry.status === 409)!;
    assert.equal(line.level, 'debug');
    for (const key of SHAPE) assert.ok(key in line, key);
    assert.equal(line.stack, undefined);
  });

  test("does not log a quarantine's 503 as an error (the quarantine was logged)", async () => {
    const { app, lines } = await givenAnswering(new ExtensionQuarantinedError(30));
    const res = await request(app).get('/').expect(503);
    assert.equal(res.headers['retry-after'], '30');
    await eventually(() => lines.some((line) => line.status === 503));
    assert.ok(lines.every((line) => line.level !== 'error'));
  });

  test('logs a request no filter reached on the given logger, with the id of its response', async () => {
    const capture = givenLogCapture();
    const res = await request((req: http.IncomingMessage, res: http.ServerResponse) => {
      res.setHeader(OPENSTACK_REQUEST_ID_HEADER, 'req-given');
      answerError(new Error('early'), req, res, capture.logger);
    }).get('/early');
    assert.equal(res.status, 500);
    await eventually(() => capture.lines.length > 0);
    assert.equal(capture.lines[0]!.requestId, 'req-given');
    assert.equal(capture.lines[0]!.path, '/early');
  });

  test('ends the response without a body when the client went away', async () => {
    const capture = givenLogCapture();
    const server = await givenServer(
      givenApp([], (req, res) => {
        setContext(req, createContext({ logger: capture.logger }));
        answerError(new ClientDisconnectedError(), req, res);
      })
    );
    try {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/' });
      const [error] = (await once(req, 'error')) as [NodeJS.ErrnoException];
      assert.equal(error.code, 'ECONNRESET');
      await eventually(() => capture.lines.length > 0);
      assert.equal(capture.lines[0]!.level, 'info');
      assert.equal(capture.lines[0]!.status, 499);
    } finally {
      await server.close();
    }
  });

  test('closes the connection when the response has already started', async () => {
    const server = await givenServer(
      givenApp([], (req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('partial');
        // Let the head reach the client first, as a streaming handler's would.
        setTimeout(() => answerError(new Error('late failure'), req, res), 20);
      })
    );
    try {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/' });
      const [res] = (await once(req, 'response')) as [http.IncomingMessage];
      const [error] = (await once(res, 'error')) as [NodeJS.ErrnoException];
      assert.equal(error.code, 'ECONNRESET');
      assert.equal(res.complete, false);
    } finally {
      await server.close();
    }
  });

  test('only logs an error raised after the response has ended', async () => {
    const capture = givenLogCapture();
    const app = givenApp(
      [await givenFilter(requestIdFilter, {}, { logger: capture.logger })],
      (req, res) => {
        res.status(204).end();
        answerError(new Error('after the end'), req, res);
      }
    );
    await request(app).get('/').expect(204);
    await eventually(() => capture.lines.some((entry) => entry.level === 'warn'));
    const line = capture.lines.find((entry) => entry.level === 'warn');
    assert.equal(line?.error, 'after the end');
  });
});
