import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Mapper, type MapperOptions, type RouteLookup } from '../../../core/routing/index.js';

/** A mapper with nova's servers collection and its metadata sub-collection. */
function givenServersMapper(options: MapperOptions = {}): Mapper<string> {
  const mapper = new Mapper<string>(options);
  mapper.resource('server', 'servers', {
    target: 'servers-controller',
    owner: 'servers',
    collectionActions: { detail: 'GET' },
    memberActions: { action: 'POST' }
  });
  mapper.resource('metadata', 'metadata', {
    target: 'metadata-controller',
    owner: 'server-metadata',
    parentResource: { memberName: 'server', collectionName: 'servers' }
  });
  return mapper;
}

/** Route lines as `METHOD path -> action`, for comparing declarations at a glance. */
function linesOf(mapper: Mapper<string>): string[] {
  return mapper.routes().map(({ method, path, action }) => `${method} ${path} -> ${action}`);
}

/** What a lookup reached: target, action and a plain copy of the params. */
function reached(lookup: RouteLookup<string>): unknown {
  if (lookup === null || !('route' in lookup)) return lookup;
  return { target: lookup.route.target, action: lookup.route.action, params: { ...lookup.params } };
}

describe('Mapper.resource', () => {
  test('declares the conventional routes of a collection', () => {
    const mapper = new Mapper<string>();
    mapper.resource('flavor', 'flavors', { target: 'flavors', owner: 'flavors' });
    assert.deepEqual(linesOf(mapper), [
      'GET /flavors -> index',
      'POST /flavors -> create',
      'GET /flavors/{id} -> show',
      'PUT /flavors/{id} -> update',
      'DELETE /flavors/{id} -> delete'
    ]);
  });

  test('puts collection actions on the collection and member actions on the member', () => {
    const lines = linesOf(givenServersMapper()).filter((line) => line.includes('/servers'));
    assert.ok(lines.includes('GET /servers/detail -> detail'));
    assert.ok(lines.includes('POST /servers/{id}/action -> action'));
  });

  test('nests a child collection under its parent member', () => {
    const lines = linesOf(givenServersMapper()).filter((line) => line.includes('/metadata'));
    assert.deepEqual(lines, [
      'GET /servers/{server_id}/metadata -> index',
      'POST /servers/{server_id}/metadata -> create',
      'GET /servers/{server_id}/metadata/{id} -> show',
      'PUT /servers/{server_id}/metadata/{id} -> update',
      'DELETE /servers/{server_id}/metadata/{id} -> delete'
    ]);
  });

  test('uses an explicit path prefix in place of the parent one, as routes does', () => {
    const mapper = new Mapper<string>();
    mapper.resource('tag', 'tags', {
      target: 'tags',
      owner: 'tags',
      pathPrefix: 'os-things/{thing_id}/',
      parentResource: { memberName: 'server', collectionName: 'servers' }
    });
    assert.equal(mapper.routes()[0]!.path, '/os-things/{thing_id}/tags');
  });

  test('upper-cases the methods of actions', () => {
    const mapper = new Mapper<string>();
    mapper.resource('server', 'servers', {
      target: 'servers',
      owner: 'servers',
      collectionActions: { detail: 'get' }
    });
    assert.ok(linesOf(mapper).includes('GET /servers/detail -> detail'));
  });

  test('gives every route the target and owner of its resource', () => {
    const metadata = givenServersMapper()
      .routes()
      .filter((route) => route.path.includes('/metadata'));
    assert.ok(metadata.every((route) => route.target === 'metadata-controller'));
    assert.ok(metadata.every((route) => route.owner === 'server-metadata'));
  });
});

describe('Mapper.connect', () => {
  test('adds one route as declared', () => {
    const mapper = new Mapper<string>();
    mapper.connect({
      method: 'get',
      path: '/os-hosts',
      action: 'index',
      target: 'h',
      owner: 'hosts'
    });
    assert.deepEqual(mapper.routes(), [
      { method: 'GET', path: '/os-hosts', action: 'index', target: 'h', owner: 'hosts' }
    ]);
  });

  test('rejects a bad template at once, naming the owner', () => {
    const mapper = new Mapper<string>();
    assert.throws(
      () =>
        mapper.connect({
          method: 'GET',
          path: '/a/{id',
          action: 'x',
          target: 't',
          owner: 'os-bad'
        }),
      (error: Error & { code?: string }) =>
        error.code === 'WHARF_INVALID_DECLARATION' && error.message.includes('os-bad')
    );
  });

  test('rejects a method that is not HTTP', () => {
    const mapper = new Mapper<string>();
    assert.throws(
      () =>
        mapper.connect({ method: 'FETCH', path: '/a', action: 'x', target: 't', owner: 'os-bad' }),
      { code: 'WHARF_INVALID_DECLARATION' }
    );
  });
});

describe('Mapper project id prefix', () => {
  const table = givenServersMapper().compile();

  test('lists declared routes without their project id forms', () => {
    const mapper = givenServersMapper();
    assert.equal(mapper.routes().length, 12);
    assert.equal(mapper.compile().warm(), 24);
  });

  test('prefers a static segment over a parameter at every level', () => {
    const cases: [string, string, unknown][] = [
      ['GET', '/servers', { action: 'index', params: {} }],
      ['GET', '/servers/detail', { action: 'detail', params: {} }],
      ['GET', '/abc/servers', { action: 'index', params: { project_id: 'abc' } }],
      ['GET', '/servers/abc', { action: 'show', params: { id: 'abc' } }],
      ['GET', '/abc/servers/detail', { action: 'detail', params: { project_id: 'abc' } }],
      ['GET', '/abc/servers/xyz', { action: 'show', params: { project_id: 'abc', id: 'xyz' } }],
      ['GET', '/servers/servers', { action: 'show', params: { id: 'servers' } }],
      ['GET', '/servers/servers/detail', { action: 'detail', params: { project_id: 'servers' } }],
      [
        'POST',
        '/abc/servers/xyz/action',
        { action: 'action', params: { project_id: 'abc', id: 'xyz' } }
      ]
    ];
    for (const [method, url, expected] of cases) {
      const lookup = reached(table.match(method, url)) as { action: string; params: unknown };
      assert.deepEqual(
        { action: lookup.action, params: lookup.params },
        expected,
        `${method} ${url}`
      );
    }
  });

  test('matches a nested collection with and without the project id', () => {
    assert.deepEqual(reached(table.match('GET', '/p1/servers/s1/metadata/k1')), {
      target: 'metadata-controller',
      action: 'show',
      params: { project_id: 'p1', server_id: 's1', id: 'k1' }
    });
    assert.deepEqual(reached(table.match('GET', '/servers/s1/metadata')), {
      target: 'metadata-controller',
      action: 'index',
      params: { server_id: 's1' }
    });
  });

  test('yields the declared route for a match through the prefix', () => {
    const direct = table.match('GET', '/servers');
    const prefixed = table.match('GET', '/abc/servers');
    assert.ok(direct !== null && 'route' in direct && prefixed !== null && 'route' in prefixed);
    assert.equal(prefixed.route, direct.route);
    assert.equal(prefixed.route.path, '/servers');
  });

  test('registers no project id forms when the option is off', () => {
    const unprefixed = givenServersMapper({ projectIdPrefix: false }).compile();
    assert.equal(unprefixed.match('GET', '/abc/servers'), null);
    assert.deepEqual(reached(unprefixed.match('GET', '/servers/abc')), {
      target: 'servers-controller',
      action: 'show',
      params: { id: 'abc' }
    });
  });

  test('keeps a route that names {project_id} itself as declared', () => {
    const mapper = new Mapper<string>();
    mapper.connect({
      method: 'GET',
      path: '/{project_id}/limits',
      action: 'index',
      target: 'l',
      owner: 'limits'
    });
    const limits = mapper.compile();
    assert.equal(limits.warm(), 1);
    assert.deepEqual(reached(limits.match('GET', '/p1/limits')), {
      target: 'l',
      action: 'index',
      params: { project_id: 'p1' }
    });
    assert.equal(limits.match('GET', '/limits'), null);
  });
});
