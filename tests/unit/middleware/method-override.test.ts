import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { faultwrapFilter } from '../../../core/middleware/faultwrap.js';
import { MAX_FORM_BODY, methodOverrideFilter } from '../../../core/middleware/method-override.js';
import { givenApp, givenFilter } from './given.js';

/** Answers what the API would see: method, URL, parsed body and Content-Type. */
const echo: RequestHandler = function echo(req, res) {
  res.json({
    method: req.method,
    url: req.url,
    body: (req as { body?: unknown }).body ?? 'unread',
    contentType: req.headers['content-type'] ?? null
  });
};

async function givenOverrideApp() {
  return givenApp(
    [await givenFilter(faultwrapFilter), await givenFilter(methodOverrideFilter)],
    echo
  );
}

describe('method_override filter', () => {
  test('takes the method from the query string and drops _method from it', async () => {
    const res = await request(await givenOverrideApp())
      .post('/servers/x?_method=delete&force=1')
      .expect(200);
    assert.equal(res.body.method, 'DELETE');
    assert.equal(res.body.url, '/servers/x?force=1');
  });

  test('takes the method from a form field; the other fields become the body', async () => {
    const res = await request(await givenOverrideApp())
      .post('/servers/x')
      .type('form')
      .send('_method=PUT&name=new')
      .expect(200);
    assert.deepEqual(res.body, {
      method: 'PUT',
      url: '/servers/x',
      body: { name: 'new' },
      contentType: null
    });
  });

  test('leaves other methods and JSON posts alone', async () => {
    const app = await givenOverrideApp();
    const get = await request(app).get('/servers?_method=DELETE').expect(200);
    assert.equal(get.body.method, 'GET');
    const json = await request(app).post('/servers').send({ _method: 'PUT' }).expect(200);
    assert.equal(json.body.method, 'POST');
    assert.equal(json.body.body, 'unread');
  });

  test('answers 400 for a value that is no HTTP method and 413 for a huge form', async () => {
    const app = await givenOverrideApp();
    const bad = await request(app).post('/servers?_method=EXPLODE').expect(400);
    assert.equal(bad.body.badRequest.code, 400);
    await request(app)
      .post('/servers')
      .type('form')
      .send(`_method=PUT&pad=${'x'.repeat(MAX_FORM_BODY)}`)
      .expect(413);
  });
});
