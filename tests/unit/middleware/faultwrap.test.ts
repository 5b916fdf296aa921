import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';
import type { Request, RequestHandler, Response } from 'express';
import request from 'supertest';
import { UNEXPECTED_ERROR_MESSAGE } from '../../../core/http/faults.js';
import { HTTPForbidden, HTTPMethodNotAllowed } from '../../../core/errors.js';
import { faultwrapFilter } from '../../../core/middleware/faultwrap.js';
import { requestIdFilter } from '../../../core/middleware/request-id.js';
import { givenApp, givenFilter, givenLogCapture } from './given.js';

async function givenWrappedApp(handler: RequestHandler, capture = givenLogCapture()) {
  const filters = [
    await givenFilter(requestIdFilter, {}, { logger: capture.logger }),
    await givenFilter(faultwrapFilter)
  ];
  return { app: givenApp(filters, handler), lines: capture.lines };
}

describe('faultwrap filter', () => {
  test('turns a thrown HTTP error into its fault, headers included', async () => {
    const { app } = await givenWrappedApp(() => {
      throw new HTTPMethodNotAllowed(['GET', 'POST']);
    });
    const res = await request(app).delete('/').expect(405);
    assert.deepEqual(res.body, {
      badMethod: { code: 405, message: 'The method specified is not allowed for this resource.' }
    });
    assert.equal(res.headers.allow, 'GET, POST');
    assert.match(res.headers['content-type'], /^application\/json/);
  });

  test('turns a rejected promise into a fault', async () => {
    const { app } = await givenWrappedApp(async () => {
      await Promise.resolve();
      throw new HTTPForbidden('Policy forbids it.');
    });
    const res = await request(app).get('/').expect(403);
    assert.deepEqual(res.body, { forbidden: { code: 403, message: 'Policy forbids it.' } });
  });

  test('turns next(error) from a later filter into a fault', async () => {
    const { app } = await givenWrappedApp((_req, _res, next) => next(new HTTPForbidden()));
    await request(app).get('/').expect(403);
  });

  test('answers an unexpected error with a bare 500 and logs its stack with the request id', async () => {
    const { app, lines } = await givenWrappedApp(() => {
      throw new Error('database password is hunter2');
    });
    const res = await request(app).get('/').expect(500);
    assert.deepEqual(res.body, { computeFault: { code: 500, message: UNEXPECTED_ERROR_MESSAGE } });
    assert.doesNotMatch(res.text, /hunter2|Error:|\.js/);
    const line = lines.find((entry) => entry.level === 'error');
    assert.equal(line?.requestId, res.headers['x-openstack-request-id']);
    assert.match(String(line?.stack), /hunter2\n\s+at /);
  });

  test('leaves errors raised before it to the enclosing handler', async () => {
    const app = givenApp([
      () => {
        throw new HTTPForbidden();
      },
      await givenFilter(faultwrapFilter)
    ]);
    const res = await request(app).get('/').expect(403);
    assert.match(res.headers['content-type'], /^text\/html/);
  });

  test('catches a synchronous throw from next() under a composer that does not', async () => {
    const faultwrap = await givenFilter(faultwrapFilter);
    const res = await request((req: http.IncomingMessage, res: http.ServerResponse) => {
      void faultwrap(req as Request, res as Response, () => {
        throw new HTTPForbidden();
      });
    }).get('/');
    assert.equal(res.status, 403);
    assert.equal(res.body.forbidden.code, 403);
  });
});
