import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  APIExtensionBase,
  Controller,
  Extension,
  ResourceExtension,
  type ApiRequest,
  type Mapper,
  type Resource
} from '../../core/index.js';
import { APIRouter } from '../../core/api/api-router.js';
import { givenApiServer, type ApiServer } from '../helpers/api-fixtures.js';
import { givenCapturedLogger } from '../helpers/capture-logger.js';

/** Things under a region, whose links come from the named routes. */
class ThingsController extends Controller {
  index(req: ApiRequest) {
    return {
      format: req.params.format ?? null,
      self: req.urlFor('region_thing', { region_id: req.params.region_id, id: 't1' }),
      bookmark: req.urlFor(
        'region_thing',
        { region_id: req.params.region_id, id: 't1' },
        { base: 'root' }
      ),
      next: req.urlFor('region_things', { region_id: req.params.region_id, marker: 't1' })
    };
  }

  show(req: ApiRequest) {
    return { thing: { id: req.params.id } };
  }
}

class Things extends APIExtensionBase {
  readonly name = 'Things';
  readonly alias = 'os-things';
  override getResources() {
    return [
      new ResourceExtension('things', new ThingsController(), {
        memberName: 'thing',
        pathPrefix: 'regions/{region_id}',
        namePrefix: 'region_',
        requirements: { region_id: '[a-z]+' },
        customRoutes: (mapper: Mapper<Resource>) =>
          mapper.redirect('/os-old-things/{id}', '/regions/eu/things/{id}', {
            owner: 'os-things',
            status: 301,
            name: 'old_thing'
          })
      })
    ];
  }
}

let api: ApiServer;
let router: APIRouter;

before(async () => {
  const { logger } = givenCapturedLogger();
  router = APIRouter.makeTestInstance([new Extension('things', null, Things, new Things())], {
    logger
  });
  api = await givenApiServer(router, logger);
});
after(() => api.close());

async function get(path: string): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${api.url}${path}`, { redirect: 'manual' });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null
  };
}

describe('routes features through the API', () => {
  test('request.urlFor builds links from named routes with path and name prefixes', async () => {
    const { status, body } = await get('/regions/eu/things');
    assert.equal(status, 200);
    assert.equal(body.self, `${api.url}/regions/eu/things/t1`);
    assert.equal(body.bookmark, `${api.url}/regions/eu/things/t1`);
    assert.equal(body.next, `${api.url}/regions/eu/things?marker=t1`);
  });

  test('a requirement the path breaks is a 404', async () => {
    assert.equal((await get('/regions/EU1/things')).status, 404);
  });

  test('.json reaches the same handler with format json; .xml is a 415 fault', async () => {
    const json = await get('/regions/eu/things.json');
    assert.equal(json.status, 200);
    assert.equal(json.body.format, 'json');
    const xml = await get('/regions/eu/things.xml');
    assert.equal(xml.status, 415);
    assert.equal(xml.body.badMediaType.code, 415);
  });

  test('a redirect route answers with its status and a Location on the API root', async () => {
    const { status, headers } = await get('/os-old-things/t9');
    assert.equal(status, 301);
    assert.equal(headers.get('location'), `${api.url}/regions/eu/things/t9`);
  });

  test('the route list names each route and shows requirements, format and redirects', () => {
    const routes = router.routes();
    const show = routes.find((route) => route.name === 'region_thing')!;
    assert.equal(show.path, '/regions/{region_id}/things/{id}');
    assert.deepEqual(show.details, ['region_id~[a-z]+', '.{format}']);
    const redirect = routes.find((route) => route.name === 'old_thing')!;
    assert.equal(redirect.handler, 'redirect 301 -> /regions/eu/things/{id}');
    assert.equal(redirect.extension, 'os-things');
  });
});
