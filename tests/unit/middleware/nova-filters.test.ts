import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { isLegacyV2 } from '../../../core/api/legacy-v2.js';
import { ConfigError } from '../../../core/errors.js';
import { faultwrapFilter } from '../../../core/middleware/faultwrap.js';
import { keystoneContextFilter } from '../../../core/middleware/keystone-context.js';
import { legacyV2CompatibleFilter } from '../../../core/middleware/legacy-v2-compatible.js';
import { noauthFilter } from '../../../core/middleware/noauth.js';
import { TRACER_PROVIDER, type TracerProvider } from '../../../core/middleware/tracer.js';
import { tracingFilter } from '../../../core/middleware/tracing.js';
import { givenApp, givenConfigContainer, givenFilter } from './given.js';

/** A recorder shaped like an OpenTelemetry TracerProvider. */
function givenRecorder() {
  const spans: {
    name: string;
    attributes: Record<string, unknown>;
    status: number;
    ended: boolean;
  }[] = [];
  const provider: TracerProvider = {
    getTracer: () => ({
      startSpan(name, options = {}) {
        const span = { name, attributes: { ...options.attributes }, status: 0, ended: false };
        spans.push(span);
        return {
          setAttribute: (key, value) => void (span.attributes[key] = value),
          setStatus: ({ code }) => void (span.status = code),
          end: () => void (span.ended = true)
        };
      }
    })
  };
  return { provider, spans };
}

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
    const recorder = givenRecorder();
    const container = givenConfigContainer({ profiler: { enabled: true } });
    container.register(TRACER_PROVIDER, { useValue: recorder.provider });
    const filter = await givenFilter(tracingFilter, {}, { container });
    await request(givenApp([filter])).get('/a?x=1');
    await request(givenApp([filter], failing)).post('/b');
    assert.deepEqual(
      recorder.spans.map(({ name, attributes, status, ended }) => [
        name,
        attributes['url.path'],
        attributes['http.response.status_code'],
        status,
        ended
      ]),
      [
        ['GET', '/a', 200, 0, true],
        ['POST', '/b', 503, 2, true]
      ]
    );
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
