import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Mapper, type RouteSpec } from '../../../core/routing/index.js';
import { WARM_LOOKUPS } from '../../../core/routing/routing-table.js';

const RESOURCES = 200;

/** 200 resources of 5 routes each, every one declared by its own extension. */
function givenThousandRoutes(): Mapper<number> {
  const mapper = new Mapper<number>();
  for (let i = 0; i < RESOURCES; i++) {
    mapper.resource(`thing${i}`, `things${i}`, { target: i, owner: `os-things-${i}` });
  }
  return mapper;
}

/** A request path for `route`, every parameter filled with a value naming it. */
function pathFor(route: RouteSpec<number>): string {
  return route.path.replace(/\{(\w+)\}/g, (_match, name: string) => `${name}-${route.target}`);
}

test('compiles 1000 routes and matches each to itself', () => {
  const mapper = givenThousandRoutes();
  const routes = mapper.routes();
  assert.equal(routes.length, 1000);
  const table = mapper.compile();
  assert.equal(table.warm(), WARM_LOOKUPS, 'an even spread of the 2000 registrations');

  for (const route of routes) {
    for (const [prefix, projectId] of [
      ['', undefined],
      ['/p-1', 'p-1']
    ] as const) {
      const lookup = table.match(route.method, prefix + pathFor(route));
      assert.ok(lookup !== null && 'route' in lookup, `${route.method} ${prefix}${route.path}`);
      assert.equal(lookup.route, route);
      assert.equal(lookup.params.project_id, projectId);
      if (route.path.endsWith('{id}')) assert.equal(lookup.params.id, `id-${route.target}`);
    }
  }
  assert.equal(table.match('GET', `/things${RESOURCES}`), null);
  assert.deepEqual(table.match('PATCH', '/p-1/things7/x'), {
    allowed: ['DELETE', 'GET', 'HEAD', 'PUT']
  });
});
