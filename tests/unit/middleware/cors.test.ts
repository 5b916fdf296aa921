import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import { ConfigError, HTTPNotFound } from '../../../core/errors.js';
import { corsFilter } from '../../../core/middleware/cors.js';
import { faultwrapFilter } from '../../../core/middleware/faultwrap.js';
import { CORS_OPTIONS } from '../../../core/middleware/cors-options.js';
import { loadConfig } from '../../../core/server/config.js';
import { CORE_OPTIONS } from '../../../core/server/core-options.js';
import { OptionRegistry } from '../../../core/server/option-registry.js';
import { givenApp, givenConfigContainer, givenFactoryContext, givenFilter } from './given.js';

const ORIGIN = 'https://dashboard.example.com';

async function givenCorsApp(localConf: Record<string, string> = { allowed_origin: ORIGIN }) {
  return givenApp([await givenFilter(corsFilter, localConf)]);
}

function assertNoCorsHeaders(headers: Record<string, string>): void {
  const cors = Object.keys(headers).filter((name) => name.startsWith('access-control-'));
  assert.deepEqual(cors, []);
}

describe('cors filter', () => {
  test('adds nothing to a request without Origin', async () => {
    const res = await request(await givenCorsApp())
      .get('/')
      .expect(200);
    assertNoCorsHeaders(res.headers);
  });

  test('allows an actual request from a listed origin', async () => {
    const res = await request(await givenCorsApp())
      .get('/')
      .set('Origin', ORIGIN)
      .expect(200);
    assert.equal(res.headers['access-control-allow-origin'], ORIGIN);
    assert.match(res.headers['access-control-expose-headers'], /x-openstack-request-id/i);
    assert.match(res.headers['access-control-expose-headers'], /OpenStack-API-Version/);
    assert.match(res.headers.vary, /Origin/);
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
  });

  test('gives no CORS headers to an origin not listed', async () => {
    const res = await request(await givenCorsApp())
      .get('/')
      .set('Origin', 'https://evil.example')
      .expect(200);
    assertNoCorsHeaders(res.headers);
  });

  test('allows any origin with *, answering * without credentials', async () => {
    const app = await givenCorsApp({ allowed_origin: '*' });
    const res = await request(app).get('/').set('Origin', 'https://any.example').expect(200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
    const preflight = await request(app)
      .options('/')
      .set('Origin', 'https://any.example')
      .set('Access-Control-Request-Method', 'POST')
      .expect(200);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.equal(preflight.headers['access-control-allow-credentials'], undefined);
  });

  test('refuses * together with allow_credentials', () => {
    assert.throws(
      () =>
        corsFilter(
          givenFactoryContext({ allowed_origin: 'https://a.example, *', allow_credentials: 'true' })
        ),
      (error: unknown) => error instanceof ConfigError && /allow_credentials/.test(error.message)
    );
  });

  test('adds Vary: Origin to every response when on, after any Vary set later', async () => {
    const app = givenApp(
      [await givenFilter(corsFilter, { allowed_origin: ORIGIN })],
      (_req, res) => {
        res.appendHeader('Vary', 'OpenStack-API-Version');
        res.json({ ok: true });
      }
    );
    const plain = await request(app).get('/').expect(200);
    assert.equal(plain.headers.vary, 'Origin, OpenStack-API-Version');
    const other = await request(app).get('/').set('Origin', 'https://evil.example').expect(200);
    assert.equal(other.headers.vary, 'Origin, OpenStack-API-Version');
    const preflight = await request(app)
      .options('/')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'GET')
      .expect(200);
    assert.equal(preflight.headers.vary, 'Origin');
  });

  test('allows a JSON POST preflight with the defaults of wharf.conf', async () => {
    const config = loadConfig({
      env: {},
      overrides: { 'cors.allowed_origin': ORIGIN },
      registry: new OptionRegistry([CORE_OPTIONS, CORS_OPTIONS])
    });
    const container = givenConfigContainer(config as unknown as Record<string, unknown>);
    const app = givenApp([await givenFilter(corsFilter, {}, { container })]);
    const res = await request(app)
      .options('/servers')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type, x-auth-token, openstack-api-version')
      .expect(200);
    assert.equal(res.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(
      res.headers['access-control-allow-headers'],
      'content-type, x-auth-token, openstack-api-version'
    );
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
  });

  test('is off when no origin is configured', async () => {
    const res = await request(await givenCorsApp({}))
      .get('/')
      .set('Origin', ORIGIN)
      .expect(200);
    assertNoCorsHeaders(res.headers);
    assert.equal(res.headers.vary, undefined);
  });

  test('answers a preflight itself with the allowed methods and headers', async () => {
    const res = await request(await givenCorsApp())
      .options('/servers')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'X-Auth-Token, content-type')
      .expect(200);
    assert.equal(res.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(res.headers['access-control-allow-methods'], 'GET, PUT, POST, DELETE, PATCH');
    assert.equal(res.headers['access-control-allow-headers'], 'X-Auth-Token, content-type');
    assert.equal(res.headers['access-control-max-age'], '3600');
    assert.equal(res.text, '');
  });

  test('answers a preflight it refuses with 200 and no CORS headers', async () => {
    const app = await givenCorsApp();
    const refusals = [
      { origin: 'https://evil.example', method: 'GET', headers: '' },
      { origin: ORIGIN, method: 'TRACE', headers: '' },
      { origin: ORIGIN, method: 'GET', headers: 'X-Secret-Header' }
    ];
    for (const refusal of refusals) {
      const res = await request(app)
        .options('/')
        .set('Origin', refusal.origin)
        .set('Access-Control-Request-Method', refusal.method)
        .set('Access-Control-Request-Headers', refusal.headers)
        .expect(200);
      assertNoCorsHeaders(res.headers);
    }
  });

  test('honours configured methods, headers, max age and credentials', async () => {
    const app = await givenCorsApp({
      allowed_origin: ORIGIN,
      allow_methods: 'GET',
      allow_headers: 'X-Custom',
      expose_headers: 'X-One,X-Two',
      max_age: '60',
      allow_credentials: 'true'
    });
    const preflight = await request(app)
      .options('/')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'x-custom')
      .expect(200);
    assert.equal(preflight.headers['access-control-allow-methods'], 'GET');
    assert.equal(preflight.headers['access-control-max-age'], '60');
    assert.equal(preflight.headers['access-control-allow-credentials'], 'true');
    const actual = await request(app).get('/').set('Origin', ORIGIN).expect(200);
    assert.equal(actual.headers['access-control-expose-headers'], 'X-One, X-Two');
    assert.equal(actual.headers['access-control-allow-credentials'], 'true');
  });

  test('keeps its headers on faults', async () => {
    const filters = [
      await givenFilter(corsFilter, { allowed_origin: ORIGIN }),
      await givenFilter(faultwrapFilter)
    ];
    const app = givenApp(filters, () => {
      throw new HTTPNotFound();
    });
    const res = await request(app).get('/').set('Origin', ORIGIN).expect(404);
    assert.equal(res.headers['access-control-allow-origin'], ORIGIN);
  });

  test('refuses expose_headers a header cannot carry', () => {
    assert.throws(
      () => corsFilter(givenFactoryContext({ allowed_origin: '*', expose_headers: 'X-A,\u0001' })),
      (error: unknown) =>
        error instanceof ConfigError && /filter cors: expose_headers/.test(error.message)
    );
  });

  test('refuses a bad max_age', () => {
    assert.throws(
      () => corsFilter(givenFactoryContext({ allowed_origin: '*', max_age: 'forever' })),
      (error: unknown) =>
        error instanceof ConfigError && /filter cors: option max_age/.test(error.message)
    );
  });
});
