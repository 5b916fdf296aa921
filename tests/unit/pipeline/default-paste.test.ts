import 'reflect-metadata';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import { container } from 'tsyringe';
import { createLogger } from '../../../core/logger.js';
import { buildPipeline } from '../../../core/pipeline/build-pipeline.js';
import { loadPasteConfig } from '../../../core/pipeline/paste-config.js';
import type { PasteConfig } from '../../../core/pipeline/paste-sections.js';
import type { FactoryResolver } from '../../../core/pipeline/types.js';
import { givenComposite, givenNext, givenRequest, RESPONSE } from './given.js';

const FILE = fileURLToPath(new URL('../../../../etc/api-paste.ini', import.meta.url));

const FILTERS = [
  'cors',
  'http_proxy_to_wsgi',
  'request_id',
  'faultwrap',
  'request_log',
  'sizelimit',
  'version_root',
  'openapi',
  'noauth2',
  'authtoken',
  'keystone_authtoken',
  'metrics',
  'ratelimit'
];
const APPS = ['versions', 'osapi_compute_app_v21', 'healthcheck', 'docs'];

function givenDefaultPaste(): PasteConfig {
  return loadPasteConfig(FILE);
}

/** Tracing factories: every filter appends its entry point name to `trail`, apps record theirs. */
function givenTracingResolver(trail: string[]): FactoryResolver {
  return async (kind, name) =>
    kind === 'composite'
      ? givenComposite(name)
      : () =>
          kind === 'filter'
            ? (((_req, _res, next) => {
                trail.push(name);
                next();
              }) satisfies RequestHandler)
            : (((req) => {
                trail.push(`app:${name} ${req.baseUrl} ${req.url}`);
              }) satisfies RequestHandler);
}

async function traceDefault(authStrategy: string, url: string): Promise<string[]> {
  const trail: string[] = [];
  const handler = await buildPipeline({
    config: givenDefaultPaste(),
    name: 'osapi_compute',
    authStrategy,
    resolveFactory: givenTracingResolver(trail),
    container,
    logger: createLogger({ silent: true })
  });
  handler(givenRequest(url), RESPONSE, givenNext());
  return trail;
}

describe('etc/api-paste.ini', () => {
  test('parses and references only the documented entry points', () => {
    const sections = [...givenDefaultPaste().sections.values()];
    const uses = (kind: string) =>
      sections
        .flatMap((section) =>
          section.kind === kind && 'factory' in section ? [section.factory.name] : []
        )
        .sort();
    assert.deepEqual(uses('filter'), [...FILTERS].sort());
    assert.deepEqual(uses('app'), [...APPS].sort());
  });

  test('maps /, /v2.1, /healthcheck and /docs in osapi_compute', () => {
    const main = givenDefaultPaste().sections.get('osapi_compute');
    assert.ok(main?.kind === 'composite');
    assert.deepEqual(main.factory, { scheme: 'entry', name: 'urlmap' });
    assert.deepEqual(
      main.entries.map(({ key, value }) => [key, value]),
      [
        ['/', 'oscomputeversions'],
        ['/v2.1', 'openstack_compute_api_v21'],
        ['/healthcheck', 'healthcheck'],
        ['/docs', 'docs']
      ]
    );
  });

  test('runs the nova filter order with noauth2', async () => {
    assert.deepEqual(await traceDefault('noauth2', '/v2.1/servers'), [
      'cors',
      'http_proxy_to_wsgi',
      'request_id',
      'faultwrap',
      'request_log',
      'sizelimit',
      'version_root',
      'openapi',
      'noauth2',
      'metrics',
      'ratelimit',
      'app:osapi_compute_app_v21 /v2.1 /servers'
    ]);
  });

  test('runs authtoken in place of noauth2 with token', async () => {
    const trail = await traceDefault('token', '/v2.1/servers');
    assert.ok(trail.includes('authtoken') && !trail.includes('noauth2'));
  });

  test('serves versions at / and the health check at /healthcheck', async () => {
    assert.deepEqual(await traceDefault('noauth2', '/'), ['app:versions  /']);
    assert.deepEqual(await traceDefault('noauth2', '/healthcheck'), [
      'app:healthcheck /healthcheck /'
    ]);
  });
});
