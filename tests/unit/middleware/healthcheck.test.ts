import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { healthcheckApp } from '../../../core/middleware/healthcheck.js';
import { givenFactoryContext } from './given.js';

async function givenHealthcheck(): Promise<RequestHandler> {
  return healthcheckApp(givenFactoryContext());
}

describe('healthcheck app', () => {
  test('answers GET /healthcheck with 200 OK as text', async () => {
    const app = express().use(await givenHealthcheck());
    const res = await request(app).get('/healthcheck').expect(200);
    assert.equal(res.text, 'OK');
    assert.match(res.headers['content-type'], /^text\/plain/);
  });

  test('answers with JSON when the client accepts JSON', async () => {
    const app = express().use(await givenHealthcheck());
    const res = await request(app)
      .get('/healthcheck')
      .set('Accept', 'application/json')
      .expect(200);
    assert.deepEqual(res.body, { status: 'OK' });
  });

  test('answers HEAD without a body', async () => {
    const app = express().use(await givenHealthcheck());
    const res = await request(app).head('/healthcheck').expect(200);
    assert.equal(res.headers['content-length'], '2');
    assert.equal(res.text, undefined);
  });

  test('answers at its mount root under a urlmap prefix', async () => {
    const app = express().use('/healthcheck', await givenHealthcheck());
    await request(app).get('/healthcheck').expect(200, 'OK');
    await request(app).get('/healthcheck?verbose=1').expect(200, 'OK');
  });

  test('answers other paths with a 404 fault and other methods with a 405 fault', async () => {
    const app = express().use(await givenHealthcheck());
    const missing = await request(app).get('/healthcheck/deep').expect(404);
    assert.equal(missing.body.itemNotFound.code, 404);
    const refused = await request(app).post('/healthcheck').expect(405);
    assert.equal(refused.headers.allow, 'GET, HEAD');
    assert.equal(refused.body.badMethod.code, 405);
  });
});
