/**
 * The `openapi` filter builds the OpenAPI document on the first request for it, not when the
 * pipeline is built (start-up), and keeps it for later requests (docs/performance.md,
 * "Start-up", session 12).
 */
import assert from 'node:assert/strict';
import type { Request, Response } from 'express';
import type { DependencyContainer } from 'tsyringe';
import { describe, test } from 'node:test';
import { APIRouter } from '../../../core/api/api-router.js';
import { openapiFilter } from '../../../core/api/openapi/openapi-filter.js';
import { API_ROUTER } from '../../../core/tokens.js';
import { APIExtensionBase, Controller, Extension, ResourceExtension } from '../../../core/index.js';
import type { FactoryContext } from '../../../core/pipeline/types.js';
import { givenCapturedLogger } from '../../helpers/capture-logger.js';

class GadgetsController extends Controller {
  index(): unknown {
    return { gadgets: [] };
  }
}

class Gadgets extends APIExtensionBase {
  readonly name = 'Gadgets';
  readonly alias = 'gadgets';
  override readonly version = 1;
  override getResources(): ResourceExtension[] {
    return [new ResourceExtension('gadgets', new GadgetsController())];
  }
}

/** A router over the gadgets extension that counts the reads of its routing table. */
function givenCountedRouter(): { router: APIRouter; tableReads: () => number } {
  const { logger } = givenCapturedLogger();
  const router = APIRouter.makeTestInstance(
    [new Extension('gadgets', null, Gadgets, new Gadgets())],
    {
      logger,
      projectIdInUrl: false
    }
  );
  let reads = 0;
  const routeTable = router.routeTable.bind(router);
  router.routeTable = () => {
    reads++;
    return routeTable();
  };
  return { router, tableReads: () => reads };
}

/** Builds the filter as the pipeline does, over `router`. */
async function givenFilter(router: APIRouter) {
  const container = {
    resolve: (token: unknown) => {
      assert.equal(token, API_ROUTER);
      return router;
    }
  } as unknown as DependencyContainer;
  const { logger } = givenCapturedLogger();
  const context: FactoryContext = { globalConf: {}, localConf: {}, container, logger, api: 'test' };
  return openapiFilter(context);
}

/** Sends `GET url` through the filter; returns the body it answered, or `next` when it passed. */
function get(filter: Awaited<ReturnType<typeof givenFilter>>, url: string): string {
  let answered: string | undefined;
  const req = { url, method: 'GET', headers: { host: 'wharf.test' }, socket: {} } as Request;
  const res = {
    setHeader: () => res,
    end: (body: string) => {
      answered = body;
    }
  } as unknown as Response;
  let passed = false;
  void filter(req, res, () => {
    passed = true;
  });
  if (passed) return 'next';
  assert.ok(answered !== undefined);
  return answered;
}

describe('the openapi filter', () => {
  test('builds no document when the pipeline is built, nor for other paths', async () => {
    const { router, tableReads } = givenCountedRouter();
    const filter = await givenFilter(router);
    assert.equal(get(filter, '/gadgets'), 'next');
    assert.equal(tableReads(), 0);
  });

  test('builds the document on the first request for it and keeps it', async () => {
    const { router, tableReads } = givenCountedRouter();
    const filter = await givenFilter(router);
    const first = JSON.parse(get(filter, '/openapi.json')) as { paths: object; servers: object };
    assert.deepEqual(Object.keys(first.paths), ['/gadgets']);
    assert.deepEqual(first.servers, [{ url: 'http://wharf.test' }]);
    assert.equal(get(filter, '/openapi.json?x=1'), JSON.stringify(first));
    assert.equal(tableReads(), 1);
  });
});
