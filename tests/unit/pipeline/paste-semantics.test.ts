import 'reflect-metadata';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import { container } from 'tsyringe';
import { PasteConfigError } from '../../../core/errors.js';
import { createLogger } from '../../../core/logger.js';
import { buildPipeline } from '../../../core/pipeline/build-pipeline.js';
import { parsePasteConfig } from '../../../core/pipeline/paste-config.js';
import type { FactoryContext, FactoryResolver } from '../../../core/pipeline/types.js';
import { givenComposite, givenServer } from './given.js';

/**
 * Factories by kind: filter `mark` appends `label` (or the section's globalConf `debug`) to
 * `x-trail`; app `answer` echoes its local and global configuration; Python names resolve
 * only when listed in `aliases`.
 */
function givenResolver(aliases: Record<string, string> = {}): FactoryResolver {
  const factories: Record<string, (context: FactoryContext) => RequestHandler> = {
    'filter:mark': ({ localConf }) =>
      function mark(_req, res, next) {
        res.append('x-trail', localConf.label ?? '?');
        next();
      },
    'app:answer': ({ localConf, globalConf }) =>
      function answer(req, res) {
        res.json({ url: req.url, baseUrl: req.baseUrl, localConf, debug: globalConf.debug });
      }
  };
  return async (kind, name, ref) => {
    if (kind === 'composite') return givenComposite(aliases[name] ?? name);
    const key = ref.scheme === 'python' ? aliases[name] : name;
    const factory = factories[`${kind}:${key}`];
    if (!factory) throw new Error(`no entry point ${name}`);
    return factory;
  };
}

async function build(text: string, name = 'main', aliases?: Record<string, string>) {
  return buildPipeline({
    config: parsePasteConfig(text, 'api-paste.ini'),
    name,
    authStrategy: 'noauth2',
    resolveFactory: givenResolver(aliases),
    container,
    logger: createLogger({ silent: true })
  });
}

async function assertBuildRejected(text: string, pattern: RegExp, name = 'main'): Promise<void> {
  await assert.rejects(build(text, name), (error: unknown) => {
    assert.ok(error instanceof PasteConfigError, String(error));
    assert.equal(error.code, 'WHARF_PASTE_CONFIG_INVALID');
    assert.match(error.message, pattern);
    return true;
  });
}

/** A resolver whose one app factory declares that it takes only the option `level`. */
function givenStrictFactory(): FactoryResolver {
  const strict = Object.assign(
    (): RequestHandler =>
      function strictApp(_req, res) {
        res.end();
      },
    { options: ['level'] }
  );
  return async () => strict;
}

describe('paste semantics at build time', () => {
  const servers: Server[] = [];
  after(() => servers.forEach((server) => server.close()));

  async function get(
    handler: RequestHandler,
    path: string
  ): Promise<{ headers: Headers; json(): Promise<any> }> {
    const { url, server } = await givenServer(handler);
    servers.push(server);
    return fetch(`${url}${path}`);
  }

  test('runs a filter-with filter before the app it is attached to', async () => {
    const handler = await build(
      [
        '[app:main]',
        'use = answer',
        'filter-with = first',
        '[filter:first]',
        'use = mark',
        'label = first'
      ].join('\n')
    );
    const response = await get(handler, '/x');
    assert.equal(response.headers.get('x-trail'), 'first');
  });

  test('runs a filter-with filter before the filter it is attached to, in a pipeline', async () => {
    const handler = await build(
      [
        '[pipeline:main]',
        'pipeline = b answer',
        '[filter:b]',
        'use = mark',
        'label = b',
        'filter-with = a',
        '[filter:a]',
        'use = mark',
        'label = a',
        '[app:answer]',
        'use = answer'
      ].join('\n')
    );
    assert.equal((await get(handler, '/')).headers.get('x-trail'), 'a, b');
  });

  test('wraps next with the filter of a filter-app', async () => {
    const handler = await build(
      [
        '[filter-app:main]',
        'use = mark',
        'label = outer',
        'next = app',
        '[app:app]',
        'use = answer'
      ].join('\n')
    );
    const response = await get(handler, '/');
    assert.equal(response.headers.get('x-trail'), 'outer');
    assert.deepEqual((await response.json()).localConf, {});
  });

  test('hands set values down to what a section builds, and get copies a global', async () => {
    const handler = await build(
      [
        '[DEFAULT]',
        'debug = false',
        '[pipeline:main]',
        'pipeline = app',
        'set debug = true',
        '[app:app]',
        'use = answer',
        'get level = debug'
      ].join('\n')
    );
    const body = await (await get(handler, '/')).json();
    assert.equal(body.debug, 'true');
    assert.deepEqual(body.localConf, { level: 'true' });
  });

  test('rejects an option a factory that declares its options does not take', async () => {
    const resolveFactory = givenStrictFactory();
    const config = parsePasteConfig(
      ['[app:main]', 'use = strict', 'level = 1', 'colour = red'].join('\n'),
      'api-paste.ini'
    );
    const options = { config, name: 'main', authStrategy: 'noauth2', resolveFactory, container };
    await assert.rejects(
      buildPipeline({ ...options, logger: createLogger({ silent: true }) }),
      /^PasteConfigError: api-paste\.ini:4: \[app:main\] has option "colour", which factory "strict" does not take \(it takes: level\)/
    );
  });

  test('rejects such an option in a section the target does not reach, and a get name too', async () => {
    const resolveFactory = givenStrictFactory();
    const build = (text: string) =>
      buildPipeline({
        config: parsePasteConfig(text, 'api-paste.ini'),
        name: 'main',
        authStrategy: 'noauth2',
        resolveFactory,
        container,
        logger: createLogger({ silent: true })
      });
    await assert.rejects(
      build(['[app:main]', 'use = strict', '[app:spare]', 'use = strict', 'levle = 1'].join('\n')),
      /^PasteConfigError: api-paste\.ini:5: \[app:spare\] has option "levle"/
    );
    await assert.rejects(
      build(
        ['[DEFAULT]', 'debug = 1', '[app:main]', 'use = strict', 'get verbose = debug'].join('\n')
      ),
      /^PasteConfigError: api-paste\.ini:5: \[app:main\] has option "verbose"/
    );
  });

  test('rejects get of a global that does not exist', async () => {
    await assertBuildRejected(
      ['[app:main]', 'use = answer', 'get level = nowhere'].join('\n'),
      /^api-paste\.ini:3: \[app:main\] gets "nowhere", which is not a global value/
    );
  });

  test('resolves Python names through the alias table', async () => {
    const handler = await build(
      [
        '[composite:main]',
        'use = call:nova.api.openstack.urlmap:urlmap_factory',
        '/v2.1/+: api',
        '/v2.1: versions',
        '[app:api]',
        'paste.app_factory = nova.api.openstack.compute:APIRouterV21.factory',
        '[app:versions]',
        'use = answer'
      ].join('\n'),
      'main',
      {
        'nova.api.openstack.urlmap:urlmap_factory': 'urlmap',
        'nova.api.openstack.compute:APIRouterV21.factory': 'answer'
      }
    );
    assert.deepEqual(await (await get(handler, '/v2.1/servers')).json(), {
      url: '/servers',
      baseUrl: '/v2.1',
      localConf: {}
    });
    const root = await (await get(handler, '/v2.1/')).json();
    assert.deepEqual([root.url, root.baseUrl], ['/', '/v2.1']);
  });

  test('rejects a Python name with no wharf equivalent, naming the line and what to do', async () => {
    await assertBuildRejected(
      [
        '[app:main]',
        'use = answer',
        '[app:metaapp]',
        'paste.app_factory = nova.api.metadata.handler:MetadataRequestHandler.factory'
      ].join('\n'),
      /^api-paste\.ini:4: \[app:metaapp\] names nova\.api\.metadata\.handler:MetadataRequestHandler\.factory, which has no wharf equivalent .*wharf\.paste\.app_factory.*remove the section/
    );
  });

  test('checks every composite line, even of a composite the target does not reach', async () => {
    const answer = ['[app:main]', 'use = answer'];
    await assertBuildRejected(
      [...answer, '[composite:c]', 'use = urlmap', '/v1 = nowhere'].join('\n'),
      /^api-paste\.ini:5: \[composite:c\] refers to unknown name "nowhere" \(urlmap target of \/v1\)/
    );
    await assertBuildRejected(
      [...answer, '[composite:c]', 'use = urlmap', '/ = f', '[filter:f]', 'use = mark'].join('\n'),
      /^api-paste\.ini:5: \[composite:c\] uses filter "f" as an app \(urlmap target of \/;/
    );
    await assertBuildRejected(
      [
        ...answer,
        '[composite:c]',
        'use = auth_pipeline',
        'noauth2 = f',
        '[filter:f]',
        'use = mark'
      ].join('\n'),
      /^api-paste\.ini:5: \[composite:c\] has a pipeline without an app: pipeline "noauth2" ends with filter "f"/
    );
    await assertBuildRejected(
      [...answer, '[composite:c]', 'use = auth_pipeline'].join('\n'),
      /^api-paste\.ini:3: \[composite:c\] defines no "strategy/
    );
  });

  test('rejects a cycle through a composite and bad urlmap lines', async () => {
    await assertBuildRejected(
      [
        '[composite:main]',
        'use = urlmap',
        '/x = p',
        '[pipeline:p]',
        'pipeline = f main',
        '[filter:f]',
        'use = mark'
      ].join('\n'),
      /^api-paste\.ini:5: \[pipeline:p\] closes a cycle: \[composite:main\] -> \[pipeline:p\] -> \[composite:main\]/
    );
    await assertBuildRejected(
      ['[composite:main]', 'use = urlmap', 'v2 = a', '[app:a]', 'use = answer'].join('\n'),
      /^api-paste\.ini:3: \[composite:main\] has urlmap path "v2"; paths start with \//
    );
    await assertBuildRejected(
      ['[composite:main]', 'use = urlmap', '/v2 = a', '/v2/ = a', '[app:a]', 'use = answer'].join(
        '\n'
      ),
      /^api-paste\.ini:4: \[composite:main\] maps \/v2\/, the same path as \/v2 at line 3/
    );
  });

  test('serves not_found_app for what no prefix matches', async () => {
    const handler = await build(
      [
        '[composite:main]',
        'use = urlmap',
        '/v1 = a',
        'not_found_app = missing',
        '[app:a]',
        'use = answer',
        '[app:missing]',
        'use = answer',
        'which = missing'
      ].join('\n')
    );
    assert.deepEqual((await (await get(handler, '/other')).json()).localConf, { which: 'missing' });
  });
});
