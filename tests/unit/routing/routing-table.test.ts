import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  RoutingTable,
  type RouteLookup,
  type RouteSpec,
  type RoutingTableOptions
} from '../../../core/routing/index.js';

/** A route to `target` (defaults to the action) declared by `owner`. */
function givenRoute(
  method: string,
  path: string,
  action: string,
  owner = 'servers'
): RouteSpec<string> {
  return { method, path, action, target: action, owner };
}

/** The servers collection of nova, plus a HEAD-only and a POST-only route. */
function givenTable(options: RoutingTableOptions = {}): RoutingTable<string> {
  return RoutingTable.compile(
    [
      givenRoute('GET', '/servers', 'index'),
      givenRoute('POST', '/servers', 'create'),
      givenRoute('GET', '/servers/detail', 'detail'),
      givenRoute('GET', '/servers/{id}', 'show'),
      givenRoute('PUT', '/servers/{id}', 'update'),
      givenRoute('DELETE', '/servers/{id}', 'delete'),
      givenRoute('POST', '/servers/{id}/action', 'action'),
      givenRoute('GET', '/images/{id}', 'image-show', 'images'),
      givenRoute('HEAD', '/images/{id}', 'image-head', 'images'),
      givenRoute('POST', '/os-tokens', 'token', 'tokens')
    ],
    options
  );
}

/** The action and a plain copy of the params a lookup reached, or the lookup itself. */
function reached(lookup: RouteLookup<string>): unknown {
  if (lookup === null || !('route' in lookup)) return lookup;
  return { action: lookup.route.action, params: { ...lookup.params } };
}

/** Asserts that compiling `routes` throws an error with `code` whose message holds `parts`. */
function assertCompileFails(routes: RouteSpec<string>[], code: string, ...parts: string[]): void {
  assert.throws(
    () => RoutingTable.compile(routes, { projectIdPrefix: true }),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, code);
      for (const part of parts) assert.ok(error.message.includes(part), error.message);
      return true;
    }
  );
}

describe('RoutingTable.compile', () => {
  test('rejects two routes with one method and path, naming both owners', () => {
    assertCompileFails(
      [
        givenRoute('GET', '/servers/{id}', 'show', 'servers'),
        givenRoute('GET', '/servers/{id}', 'show', 'os-dup')
      ],
      'WHARF_ROUTE_CONFLICT',
      'servers',
      'os-dup',
      'GET /servers/{id}'
    );
  });

  test('treats routes that differ only in parameter names as a conflict', () => {
    assertCompileFails(
      [
        givenRoute('PUT', '/a/{id}', 'update', 'first'),
        givenRoute('PUT', '/a/{x}', 'rename', 'second')
      ],
      'WHARF_ROUTE_CONFLICT',
      'PUT /a/{id}',
      'PUT /a/{x}',
      'first',
      'second'
    );
  });

  test('rejects a route that collides with the project id form of another', () => {
    assertCompileFails(
      [
        givenRoute('GET', '/{project_id}/limits', 'index', 'limits'),
        givenRoute('GET', '/{tenant}/limits', 'index', 'os-used')
      ],
      'WHARF_ROUTE_CONFLICT',
      'limits',
      'os-used'
    );
  });

  test('names the template each conflicting route was registered under', () => {
    assertCompileFails(
      [
        givenRoute('GET', '/limits', 'index', 'limits'),
        givenRoute('GET', '/{tenant}/limits', 'show', 'os-used')
      ],
      'WHARF_ROUTE_CONFLICT',
      'GET /{tenant}/limits (action show) declared by os-used matches the same requests as ' +
        'GET /{project_id}/limits (action index) declared by limits'
    );
  });

  test('accepts one path under several methods', () => {
    const table = givenTable();
    assert.equal(table.list().length, 10);
  });

  test('rejects templates it cannot match exactly, naming the owner', () => {
    const bad = [
      'servers',
      '/servers/',
      '/a//b',
      '/a/{id',
      '/a/x{id}',
      '/a/{id}/{id}',
      '/a/*',
      '/a/:id',
      '/a/%20',
      '/a/{9}'
    ];
    for (const path of bad) {
      assertCompileFails(
        [givenRoute('GET', path, 'x', 'os-bad')],
        'WHARF_INVALID_DECLARATION',
        'os-bad',
        path
      );
    }
  });

  test('rejects a method that is not an upper-case HTTP method', () => {
    for (const method of ['get', 'FETCH', '']) {
      assertCompileFails(
        [givenRoute(method, '/a', 'x', 'os-bad')],
        'WHARF_INVALID_DECLARATION',
        'os-bad'
      );
    }
  });
});

describe('RoutingTable.match', () => {
  const table = givenTable();

  test('finds static and parametric routes', () => {
    assert.deepEqual(reached(table.match('GET', '/servers')), { action: 'index', params: {} });
    assert.deepEqual(reached(table.match('GET', '/servers/detail')), {
      action: 'detail',
      params: {}
    });
    assert.deepEqual(reached(table.match('POST', '/servers/s1/action')), {
      action: 'action',
      params: { id: 's1' }
    });
  });

  test('yields the allowed methods when the path exists under others', () => {
    assert.deepEqual(table.match('DELETE', '/servers'), { allowed: ['GET', 'HEAD', 'POST'] });
    assert.deepEqual(table.match('PATCH', '/servers/s1'), {
      allowed: ['DELETE', 'GET', 'HEAD', 'PUT']
    });
    assert.deepEqual(table.match('GET', '/os-tokens'), { allowed: ['POST'] });
    assert.deepEqual(table.match('BREW', '/os-tokens'), { allowed: ['POST'] });
  });

  test('yields null for a path no method answers to', () => {
    assert.equal(table.match('GET', '/flavors'), null);
    assert.equal(table.match('POST', '/servers/s1/action/more'), null);
    assert.equal(table.match('GET', '/'), null);
    assert.equal(table.match('GET', 'servers'), null);
  });

  test('answers HEAD with the GET route unless a HEAD route exists', () => {
    assert.deepEqual(reached(table.match('HEAD', '/servers/s1')), {
      action: 'show',
      params: { id: 's1' }
    });
    assert.deepEqual(reached(table.match('HEAD', '/images/i1')), {
      action: 'image-head',
      params: { id: 'i1' }
    });
    assert.deepEqual(table.match('HEAD', '/os-tokens'), { allowed: ['POST'] });
  });

  test('ignores a trailing slash', () => {
    assert.deepEqual(reached(table.match('GET', '/servers/')), { action: 'index', params: {} });
    assert.deepEqual(reached(table.match('PUT', '/servers/s1/')), {
      action: 'update',
      params: { id: 's1' }
    });
  });

  test('matches case-sensitively', () => {
    assert.equal(table.match('GET', '/Servers'), null);
  });

  test('percent-decodes parameters', () => {
    assert.deepEqual(reached(table.match('GET', '/servers/my%20vm')), {
      action: 'show',
      params: { id: 'my vm' }
    });
    assert.deepEqual(reached(table.match('GET', '/servers/a%2Fb')), {
      action: 'show',
      params: { id: 'a/b' }
    });
    assert.deepEqual(reached(table.match('GET', '/servers/caf%C3%A9')), {
      action: 'show',
      params: { id: 'café' }
    });
  });

  test('yields null for a malformed percent-encoding', () => {
    assert.equal(table.match('GET', '/servers/%zz'), null);
  });

  test('ignores the query string', () => {
    assert.deepEqual(reached(table.match('GET', '/servers?limit=1&marker=x')), {
      action: 'index',
      params: {}
    });
    assert.deepEqual(reached(table.match('GET', '/servers/s1?fields=id')), {
      action: 'show',
      params: { id: 's1' }
    });
    assert.deepEqual(table.match('PATCH', '/servers?x=1'), { allowed: ['GET', 'HEAD', 'POST'] });
  });

  test('gives params no prototype', () => {
    const lookup = table.match('GET', '/servers/toString');
    assert.ok(lookup !== null && 'route' in lookup);
    assert.equal(lookup.params.id, 'toString');
    assert.equal('hasOwnProperty' in lookup.params, false);
  });

  test('matches a root template, also behind the project id', () => {
    const root = RoutingTable.compile([givenRoute('GET', '/', 'versions', 'versions')], {
      projectIdPrefix: true
    });
    assert.deepEqual(reached(root.match('GET', '/')), { action: 'versions', params: {} });
    assert.deepEqual(reached(root.match('GET', '/p1')), {
      action: 'versions',
      params: { project_id: 'p1' }
    });
  });
});

describe('RoutingTable.warm and list', () => {
  test('looks every template up once, project id forms included', () => {
    assert.equal(givenTable().warm(), 10);
    assert.equal(givenTable({ projectIdPrefix: true }).warm(), 20);
  });

  test('leaves matching unchanged', () => {
    const table = givenTable({ projectIdPrefix: true });
    table.warm();
    assert.deepEqual(reached(table.match('GET', '/p1/servers/detail')), {
      action: 'detail',
      params: { project_id: 'p1' }
    });
    assert.deepEqual(table.match('PATCH', '/servers'), { allowed: ['GET', 'HEAD', 'POST'] });
  });

  test('lists the declared routes in order', () => {
    const table = givenTable({ projectIdPrefix: true });
    assert.deepEqual(
      table
        .list()
        .map(({ method, path }) => `${method} ${path}`)
        .slice(0, 3),
      ['GET /servers', 'POST /servers', 'GET /servers/detail']
    );
  });
});
