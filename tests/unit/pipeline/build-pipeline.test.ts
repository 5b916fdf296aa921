import 'reflect-metadata';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import { container } from 'tsyringe';
import { PasteConfigError } from '../../../core/errors.js';
import { createLogger } from '../../../core/logger.js';
import { noauthFilter } from '../../../core/middleware/noauth.js';
import { buildPipeline } from '../../../core/pipeline/build-pipeline.js';
import { parsePasteConfig } from '../../../core/pipeline/paste-config.js';
import type { FactoryContext, FactoryKind, FactoryResolver } from '../../../core/pipeline/types.js';
import { givenComposite, givenServer } from './given.js';

const PASTE = `
[DEFAULT]
region = one

[composite:main]
use = urlmap
/ = versions
/v2.1 = api
/other = versions

[composite:api]
use = auth_pipeline
noauth2 = mark_a mark_b app
token = mark_a
    authtoken app

[filter:mark_a]
use = mark
label = a

[filter:mark_b]
use = mark
label = b

[filter:authtoken]
use = mark
label = token

[app:app]
use = answer

[app:versions]
use = answer
`;

interface Built {
  resolve: FactoryResolver;
  /** Every factory call, as `kind:use`, with its context. */
  calls: { factory: string; context: FactoryContext }[];
  /** Every resolver call, as `kind:name`. */
  resolved: string[];
}

/** A map-based resolver: filter `mark` adds its label to `x-trail`; app `answer` echoes. */
function givenFactories(): Built {
  const calls: Built['calls'] = [];
  const resolved: string[] = [];
  const factories: Record<string, (context: FactoryContext) => RequestHandler> = {
    'filter:mark': (context) =>
      function mark(_req, res, next) {
        res.append('x-trail', context.localConf.label!);
        next();
      },
    'app:answer': () =>
      function answer(req, res) {
        res.json({ url: req.url, baseUrl: req.baseUrl });
      }
  };
  const resolve: FactoryResolver = async (kind: FactoryKind, name: string) => {
    if (kind === 'composite') return givenComposite(name);
    resolved.push(`${kind}:${name}`);
    const factory = factories[`${kind}:${name}`];
    if (!factory) throw new Error(`no entry point ${name}`);
    return (context: FactoryContext) => {
      calls.push({ factory: `${kind}:${name}`, context });
      return factory(context);
    };
  };
  return { resolve, calls, resolved };
}

function givenOptions(
  text: string,
  overrides: { name?: string; authStrategy?: string; resolve?: FactoryResolver } = {}
) {
  return {
    config: parsePasteConfig(text, 'api-paste.ini'),
    name: overrides.name ?? 'main',
    authStrategy: overrides.authStrategy ?? 'noauth2',
    resolveFactory: overrides.resolve ?? givenFactories().resolve,
    container,
    logger: createLogger({ silent: true })
  };
}

async function assertBuildRejected(
  options: Parameters<typeof buildPipeline>[0],
  pattern: RegExp
): Promise<PasteConfigError> {
  let caught: unknown;
  await buildPipeline(options).catch((error: unknown) => (caught = error));
  assert.ok(
    caught instanceof PasteConfigError,
    `expected a PasteConfigError, got ${String(caught)}`
  );
  assert.equal(caught.code, 'WHARF_PASTE_CONFIG_INVALID');
  assert.match(caught.message, pattern);
  return caught;
}

describe('buildPipeline', () => {
  const servers: Server[] = [];
  after(() => servers.forEach((server) => server.close()));

  async function serve(handler: RequestHandler): Promise<string> {
    const { url, server } = await givenServer(handler);
    servers.push(server);
    return url;
  }

  test('builds the auth strategy chosen: noauth2', async () => {
    const url = await serve(await buildPipeline(givenOptions(PASTE)));
    const response = await fetch(`${url}/v2.1/servers`);
    assert.equal(response.headers.get('x-trail'), 'a, b');
    assert.deepEqual(await response.json(), { url: '/servers', baseUrl: '/v2.1' });
  });

  test('builds the auth strategy chosen: token', async () => {
    const url = await serve(await buildPipeline(givenOptions(PASTE, { authStrategy: 'token' })));
    const response = await fetch(`${url}/v2.1/`);
    assert.equal(response.headers.get('x-trail'), 'a, token');
  });

  test('serves an unfiltered app directly through the urlmap', async () => {
    const url = await serve(await buildPipeline(givenOptions(PASTE)));
    const response = await fetch(`${url}/`);
    assert.equal(response.headers.get('x-trail'), null);
    assert.deepEqual(await response.json(), { url: '/', baseUrl: '' });
  });

  test('hands factories the global and local configuration and host services', async () => {
    const factories = givenFactories();
    const options = givenOptions(PASTE, { resolve: factories.resolve });
    await buildPipeline(options);
    const markA = factories.calls.find(({ context }) => context.localConf.label === 'a')!;
    assert.deepEqual(markA.context.globalConf, {
      here: process.cwd(),
      __file__: `${process.cwd()}/api-paste.ini`,
      region: 'one'
    });
    assert.deepEqual(markA.context.localConf, { label: 'a' });
    assert.equal(markA.context.container, options.container);
    assert.equal(markA.context.logger, options.logger);
  });

  test('builds a shared app once, filters once per place, resolves each factory once', async () => {
    const factories = givenFactories();
    await buildPipeline(givenOptions(PASTE, { resolve: factories.resolve }));
    const counts = factories.calls.reduce<Record<string, number>>((all, { factory }) => {
      all[factory] = (all[factory] ?? 0) + 1;
      return all;
    }, {});
    assert.deepEqual(counts, { 'app:answer': 2, 'filter:mark': 2 });
    assert.deepEqual(factories.resolved.sort(), ['app:answer', 'filter:mark']);
  });

  test('rejects an unknown factory, naming file, section and line, keeping the cause', async () => {
    const text = PASTE.replace('use = answer\n\n[app:versions]', 'use = missing\n\n[app:versions]');
    const error = await assertBuildRejected(
      givenOptions(text),
      /^api-paste\.ini:30: \[app:app\] uses unknown app factory "missing" \(no usable entry point in wharf\.apps: no entry point missing\)/
    );
    assert.match(String((error.cause as Error).message), /no entry point missing/);
  });

  test('reports the filters that trust a claimed identity, whatever the line is called', async () => {
    const text = PASTE.replace('token = mark_a', 'dev = mark_a claimed app\ntoken = mark_a').concat(
      '\n[filter:claimed]\nuse = trusting\n'
    );
    const { resolve } = givenFactories();
    const trusting = Object.assign(() => ((_req, _res, next) => next()) as RequestHandler, {
      trustsClaimedIdentity: true as const
    });
    const withTrusting: FactoryResolver = async (kind, name, ref) =>
      kind === 'filter' && name === 'trusting' ? trusting : resolve(kind, name, ref);
    const reported = async (authStrategy: string): Promise<string[]> => {
      const labels: string[] = [];
      await buildPipeline({
        ...givenOptions(text, { authStrategy, resolve: withTrusting }),
        onIdentityTrusted: (label) => labels.push(label)
      });
      return labels;
    };
    assert.deepEqual(await reported('dev'), ['[filter:claimed]']);
    assert.deepEqual(await reported('token'), []);
    assert.equal(noauthFilter.trustsClaimedIdentity, true);
  });

  test('rejects an auth strategy the composite has no pipeline for', async () => {
    await assertBuildRejected(
      givenOptions(PASTE, { authStrategy: 'keystone' }),
      /^api-paste\.ini:11: \[composite:api\] has no pipeline for auth strategy "keystone" \(it defines: noauth2, token\)/
    );
  });

  test('rejects an unknown target name', async () => {
    await assertBuildRejected(
      givenOptions(PASTE, { name: 'osapi' }),
      /^api-paste\.ini: no app, pipeline or composite named "osapi"/
    );
  });

  test('rejects a filter as the target', async () => {
    await assertBuildRejected(
      givenOptions(PASTE, { name: 'mark_a' }),
      /^api-paste\.ini:17: \[filter:mark_a\] is a filter/
    );
  });

  test('rejects a factory that returns no handler', async () => {
    const resolve: FactoryResolver = async () => () => 'nothing' as unknown as RequestHandler;
    await assertBuildRejected(
      givenOptions('[app:a]\nuse = broken', { name: 'a', resolve }),
      /^api-paste\.ini:2: \[app:a\] factory "broken" returned string, not a request handler/
    );
  });

  test("lets a factory's own error through unchanged", async () => {
    const failure = new Error('bad option');
    const resolve: FactoryResolver = async () => () => {
      throw failure;
    };
    await assert.rejects(
      buildPipeline(givenOptions('[app:a]\nuse = x', { name: 'a', resolve })),
      failure
    );
  });
});
