import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { getContext } from '../../../core/context.js';
import { HTTPNotFound } from '../../../core/errors.js';
import { faultwrapFilter } from '../../../core/middleware/faultwrap.js';
import { noauthFilter } from '../../../core/middleware/noauth.js';
import { requestIdFilter } from '../../../core/middleware/request-id.js';
import { givenApp, givenFilter, givenLogCapture } from './given.js';

const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Answers with what the context knows about the request. */
const showContext: RequestHandler = function showContext(req, res) {
  const { requestId, globalRequestId } = getContext(req);
  getContext(req).logger.info('handled');
  res.json({ requestId, globalRequestId });
};

describe('request_id filter', () => {
  test('sets the same req-<uuid4> in both response headers and the context', async () => {
    const app = givenApp([await givenFilter(requestIdFilter)], showContext);
    const res = await request(app).get('/').expect(200);
    assert.match(res.headers['x-openstack-request-id'], REQUEST_ID);
    assert.equal(res.headers['x-compute-request-id'], res.headers['x-openstack-request-id']);
    assert.equal(res.body.requestId, res.headers['x-openstack-request-id']);
  });

  test('gives every request a new id', async () => {
    const app = givenApp([await givenFilter(requestIdFilter)]);
    const first = await request(app).get('/');
    const second = await request(app).get('/');
    assert.notEqual(
      first.headers['x-openstack-request-id'],
      second.headers['x-openstack-request-id']
    );
  });

  test('sets the headers on faults from later filters and from the app', async () => {
    const filters = [await givenFilter(requestIdFilter), await givenFilter(faultwrapFilter)];
    const unauthorized = await request(givenApp([...filters, await givenFilter(noauthFilter)]))
      .get('/')
      .expect(401);
    assert.match(unauthorized.headers['x-openstack-request-id'], REQUEST_ID);
    const notFound = await request(
      givenApp(filters, () => {
        throw new HTTPNotFound();
      })
    )
      .get('/')
      .expect(404);
    assert.match(notFound.headers['x-compute-request-id'], REQUEST_ID);
    assert.equal(notFound.body.itemNotFound.code, 404);
  });

  test('keeps a well-formed incoming id as the global request id without echoing it', async () => {
    const capture = givenLogCapture();
    const app = givenApp([await givenFilter(requestIdFilter, {}, capture)], showContext);
    const incoming = `req-${randomUUID()}`;
    const res = await request(app).get('/').set('X-Openstack-Request-Id', incoming).expect(200);
    assert.equal(res.body.globalRequestId, incoming);
    assert.notEqual(res.headers['x-openstack-request-id'], incoming);
    const line = capture.lines.find((entry) => entry.message === 'handled');
    assert.equal(line?.globalRequestId, incoming);
    assert.equal(line?.requestId, res.headers['x-openstack-request-id']);
  });

  test('ignores an incoming id of the wrong form', async () => {
    const app = givenApp([await givenFilter(requestIdFilter)], showContext);
    const uuid = randomUUID();
    for (const incoming of [uuid, `req-${uuid.toUpperCase()}`, `req-${uuid}x`, 'req-1']) {
      const res = await request(app).get('/').set('X-Openstack-Request-Id', incoming).expect(200);
      assert.equal(res.body.globalRequestId, null, incoming);
    }
  });
});
