import 'reflect-metadata';
import { context as otelContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { isLegacyV2 } from '../../../core/http/legacy-v2.js';
import { ConfigError } from '../../../core/errors.js';
import { faultwrapFilter } from '../../../core/middleware/faultwrap.js';
import { keystoneContextFilter } from '../../../core/middleware/keystone-context.js';
import { legacyV2CompatibleFilter } from '../../../core/middleware/legacy-v2-compatible.js';
import { noauthFilter } from '../../../core/middleware/noauth.js';
import { TRACER_PROVIDER } from '../../../core/middleware/tracer.js';
import { tracingFilter } from '../../../core/middleware/tracing.js';
import { givenSpanRecorder } from '../../helpers/span-recorder.js';
import { givenApp, givenConfigContainer, givenFilter } from './given.js';

const failing: RequestHandler = function failing(_req, res) {
  res.status(503).json({ down: true });
};

describe('tracing (osprofiler)', () => {
  test('is off unless configured, and then needs no tracer provider', async () => {
    const container = givenConfigContainer({});
    const filter = await givenFilter(tracingFilter, {}, { container });
    assert.equal((await request(givenApp([filter])).get('/')).status, 200);
  });

  test('refuses to start when enabled without a tracer provider', async () => {
    await assert.rejects(
      async () => givenFilter(tracingFilter, { enabled: 'true' }),
      (error: unknown) => error instanceof ConfigError && error.code === 'WHARF_CONFIG_INVALID'
    );
  });

  test('writes one ended span per request when [profiler] enabled, ERROR for a 5xx', async () => {
    const recorder = givenSpanRecorder();
    const container = givenConfigContainer({ profiler: { enabled: true } });
    container.register(TRACER_PROVIDER, { useValue: recorder.provider });
    const filter = await givenFilter(tracingFilter, {}, { container });
    await request(givenApp([filter])).get('/a?x=1');
    await request(givenApp([filter], failing)).post('/b');
    assert.deepEqual(
      recorder
        .spans()
        .map(({ name, kind, attributes, status }) => [
          name,
          kind,
          attributes['url.path'],
          attributes['http.response.status_code'],
          status.code
        ]),
      [
        ['GET', SpanKind.SERVER, '/a', 200, SpanStatusCode.UNSET],
        ['POST', SpanKind.SERVER, '/b', 503, SpanStatusCode.ERROR]
      ]
    );
  });

  test('runs the rest of the chain with the request span active', async () => {
    const recorder = givenSpanRecorder();
    const container = givenConfigContainer({ profiler: { enabled: true } });
    container.register(TRACER_PROVIDER, { useValue: recorder.provider });
    const filter = await givenFilter(tracingFilter, {}, { container });
    let active: string | undefined;
    const answer: RequestHandler = function answer(_req, res) {
      active = trace.getActiveSpan()?.spanContext().spanId;
      res.end();
    };
    const manager = new AsyncLocalStorageContextManager().enable();
    otelContext.setGlobalContextManager(manager);
    try {
      await request(givenApp([filter], answer)).get('/');
    } finally {
      otelContext.disable();
    }
    assert.equal(active, recorder.spans()[0]?.spanContext().spanId);
  });
});

describe('keystonecontext', () => {
  test('answers 401 without an authenticated caller, passes with one', async () => {
    const faultwrap = await givenFilter(faultwrapFilter);
    const guard = await givenFilter(keystoneContextFilter);
    const noauth = await givenFilter(noauthFilter);
    assert.equal((await request(givenApp([faultwrap, guard])).get('/')).status, 401);
    const authed = await request(givenApp([faultwrap, noauth, guard]))
      .get('/')
      .set('x-auth-token', 'user1:project1');
    assert.equal(authed.status, 200);
  });
});

describe('legacy_v2_compatible', () => {
  test('drops microversion headers both ways and marks the request', async () => {
    const filter = await givenFilter(legacyV2CompatibleFilter);
    const answer: RequestHandler = function answer(req, res) {
      res.setHeader('OpenStack-API-Version', 'compute 2.1');
      res.setHeader('X-OpenStack-Nova-API-Version', '2.1');
      res.setHeader('Vary', 'Origin, OpenStack-API-Version, X-OpenStack-Nova-API-Version');
      res.json({ legacy: isLegacyV2(req), header: req.headers['openstack-api-version'] ?? null });
    };
    const reply = await request(givenApp([filter], answer))
      .get('/')
      .set('OpenStack-API-Version', 'compute 2.2');
    assert.deepEqual(reply.body, { legacy: true, header: null });
    assert.equal(reply.headers['openstack-api-version'], undefined);
    assert.equal(reply.headers['x-openstack-nova-api-version'], undefined);
    assert.equal(reply.headers.vary, 'Origin');
  });
});
