import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APIRouter } from '../../../core/api/api-router.js';
import { buildOpenApiDocument } from '../../../core/api/openapi/openapi-document.js';
import {
  APIExtensionBase,
  Controller,
  Extension,
  ResourceExtension,
  wsgi,
  type ApiRequest
} from '../../../core/index.js';
import { givenApiServer, type ApiServer } from '../../helpers/api-fixtures.js';
import { givenCapturedLogger } from '../../helpers/capture-logger.js';

/** Calls recorded by the controller: a helper must never run for a request. */
const calls: string[] = [];

class GadgetsController extends Controller {
  index(_req: ApiRequest): unknown {
    calls.push('index');
    return { gadgets: [] };
  }

  @wsgi.expectedErrors(404)
  detail(_req: ApiRequest): unknown {
    calls.push('detail');
    return { gadgets: [] };
  }

  @wsgi.action('polish')
  polish(_req: ApiRequest): void {
    calls.push('polish');
  }

  /** A public helper: routes name it, but it is no handler. */
  find(_req: ApiRequest): unknown {
    calls.push('find');
    return { found: true };
  }

  /** A private helper, named by a member route. */
  private boot(_req: ApiRequest): unknown {
    calls.push('boot');
    return { booted: true };
  }

  /** Keeps `boot` used, as a real controller's helpers are. */
  protected bootFromIndex(req: ApiRequest): unknown {
    return this.boot(req);
  }
}

class Gadgets extends APIExtensionBase {
  readonly name = 'Gadgets';
  readonly alias = 'gadgets';
  override readonly version = 1;
  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('gadgets', new GadgetsController(), {
        collectionActions: { detail: 'GET', find: 'GET' },
        memberActions: { boot: 'POST', bootFromIndex: 'GET' }
      })
    ];
  }
}

describe('dispatchable methods of a routed controller', () => {
  let router: APIRouter;
  let api: ApiServer;

  before(async () => {
    const { logger } = givenCapturedLogger();
    router = APIRouter.makeTestInstance([new Extension('gadgets', null, Gadgets, new Gadgets())], {
      logger,
      projectIdInUrl: false
    });
    api = await givenApiServer(router, logger);
  });
  after(() => api.close());

  test('only the standard and decorated methods get a dispatch plan', () => {
    const [gadgets] = router.resources();
    const planned = gadgets!.plans().map(({ kind, name }) => `${kind} ${name}`);
    assert.deepEqual(planned.sort(), ['action polish', 'method detail', 'method index']);
  });

  test('wharf routes lists no route to a helper', () => {
    const handlers = router
      .routes()
      .map(({ method, path, handler }) => `${method} ${path} ${handler}`);
    assert.deepEqual(handlers.sort(), [
      'GET /gadgets GadgetsController.index',
      'GET /gadgets/detail GadgetsController.detail',
      'POST /gadgets/{id}/action GadgetsController.polish [polish]'
    ]);
  });

  test('the OpenAPI document describes no helper', () => {
    const document = buildOpenApiDocument(router) as { paths: Record<string, object> };
    assert.deepEqual(Object.keys(document.paths).sort(), [
      '/gadgets',
      '/gadgets/detail',
      '/gadgets/{id}/action'
    ]);
  });

  test('a request routed to a helper answers 404 itemNotFound and runs nothing', async () => {
    calls.length = 0;
    for (const [method, path] of [
      ['GET', '/gadgets/find'],
      ['POST', '/gadgets/g1/boot'],
      ['GET', '/gadgets/g1/bootFromIndex']
    ] as const) {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {})
      });
      const body = (await response.json()) as { itemNotFound?: { code: number } };
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(body.itemNotFound?.code, 404, `${method} ${path}`);
    }
    assert.deepEqual(calls, []);
  });

  test('the standard and decorated methods still answer', async () => {
    calls.length = 0;
    for (const path of ['/gadgets', '/gadgets/detail']) {
      const response = await fetch(`${api.url}${path}`);
      assert.equal(response.status, 200, path);
      await response.arrayBuffer();
    }
    assert.deepEqual(calls, ['index', 'detail']);
  });
});
