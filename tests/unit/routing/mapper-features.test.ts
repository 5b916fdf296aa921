import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Mapper, type RouteEnviron, type RouteLookup } from '../../../core/routing/index.js';

function reached(lookup: RouteLookup<string>): unknown {
  if (lookup === null || !('route' in lookup)) return lookup;
  return { action: lookup.route.action, params: { ...lookup.params } };
}

function environ(headers: Record<string, string> = {}): RouteEnviron {
  return { method: 'GET', url: '/', headers };
}

describe('conditions', () => {
  test('a method list declares one route per method', () => {
    const mapper = new Mapper<string>({ projectIdPrefix: false });
    mapper.connect({
      path: '/ping',
      action: 'ping',
      conditions: { method: ['GET', 'post'] },
      target: 'ping',
      owner: 'ping'
    });
    assert.deepEqual(
      mapper.routes().map(({ method }) => method),
      ['GET', 'POST']
    );
    assert.throws(() => mapper.connect({ path: '/none', action: 'x', target: 'x', owner: 'o' }), {
      code: 'WHARF_INVALID_DECLARATION'
    });
  });

  test('a condition does not make two routes of one method and path distinct', () => {
    const mapper = new Mapper<string>({ projectIdPrefix: false });
    mapper.connect({
      method: 'GET',
      path: '/things/{id}',
      action: 'beta',
      conditions: { function: () => true },
      target: 'things',
      owner: 'beta'
    });
    mapper.connect({
      method: 'GET',
      path: '/things/{name}',
      action: 'plain',
      target: 'things',
      owner: 'things'
    });
    assert.throws(() => mapper.compile(), { code: 'WHARF_ROUTE_CONFLICT' });
  });

  test('a function gets the environ and parameters; rejecting, the lookup goes on', () => {
    const mapper = new Mapper<string>({ projectIdPrefix: false });
    const seen: string[] = [];
    mapper.connect({
      method: 'GET',
      path: '/things/latest/{tag}',
      action: 'beta',
      conditions: {
        function: (env, params) => {
          seen.push(params.tag!);
          return env.headers['x-beta'] === 'on';
        }
      },
      target: 'things',
      owner: 'beta'
    });
    mapper.connect({
      method: 'GET',
      path: '/things/{id}/{tag}',
      action: 'show',
      target: 'things',
      owner: 'things'
    });
    const table = mapper.compile();
    assert.deepEqual(
      reached(table.match('GET', '/things/latest/t1', environ({ 'x-beta': 'on' }))),
      {
        action: 'beta',
        params: { tag: 't1' }
      }
    );
    assert.deepEqual(reached(table.match('GET', '/things/latest/t2', environ())), {
      action: 'show',
      params: { id: 'latest', tag: 't2' }
    });
    assert.deepEqual(seen, ['t1', 't2']);
  });
});

describe('submapper', () => {
  test('puts its path and name prefixes and defaults on every declaration', () => {
    const mapper = new Mapper<string>({ projectIdPrefix: false });
    const admin = mapper.submapper({
      pathPrefix: '/os-admin/{region}',
      namePrefix: 'admin_',
      target: 'admin',
      owner: 'admin',
      requirements: { region: '[a-z]+' }
    });
    admin.connect({ method: 'GET', path: '/stats', action: 'stats', name: 'stats' });
    admin.resource('node', 'nodes', { target: 'nodes', owner: 'admin' });
    admin.submapper({ pathPrefix: '/deep', namePrefix: 'deep_' }).connect({
      method: 'GET',
      path: '/x',
      action: 'x',
      name: 'x'
    });
    const table = mapper.compile();
    assert.equal(table.urlFor('admin_stats', { region: 'eu' }), '/os-admin/eu/stats');
    assert.equal(table.urlFor('admin_node', { region: 'eu', id: 'n1' }), '/os-admin/eu/nodes/n1');
    assert.equal(table.urlFor('admin_deep_x', { region: 'eu' }), '/os-admin/eu/deep/x');
    assert.deepEqual(reached(table.match('GET', '/os-admin/eu/nodes/n1')), {
      action: 'show',
      params: { region: 'eu', id: 'n1' }
    });
    assert.equal(table.match('GET', '/os-admin/EU1/stats'), null);
  });

  test('refuses a route with no target or owner anywhere', () => {
    const sub = new Mapper<string>().submapper({ pathPrefix: '/x' });
    assert.throws(() => sub.connect({ method: 'GET', path: '/y', action: 'y' }), {
      code: 'WHARF_INVALID_DECLARATION'
    });
  });
});

describe('redirect', () => {
  test('answers with the target, parameters filled in, and the status', () => {
    const mapper = new Mapper<string>();
    mapper.redirect('/os-legacy/{id}', '/servers/{id}', { owner: 'legacy', status: 301 });
    mapper.redirect('/old', 'https://example.com/new', { owner: 'legacy' });
    const table = mapper.compile();
    const moved = table.match('GET', '/os-legacy/a%20b');
    assert.ok(moved !== null && 'redirect' in moved);
    assert.equal(moved.location, '/servers/a%20b');
    assert.equal(moved.redirect.status, 301);
    const found = table.match('GET', '/p1/old');
    assert.ok(found !== null && 'redirect' in found);
    assert.equal(found.redirect.status, 302);
    assert.deepEqual(table.match('POST', '/old'), { allowed: ['GET', 'HEAD'] });
    assert.deepEqual(
      table.redirects().map(({ path }) => path),
      ['/os-legacy/{id}', '/old']
    );
  });

  test('refuses a status that is no redirect and a target naming an unknown parameter', () => {
    for (const [to, status] of [
      ['/a', 200],
      ['/a/{nope}', 302]
    ] as const) {
      const mapper = new Mapper<string>();
      mapper.redirect('/from/{id}', to, { owner: 'o', status });
      assert.throws(() => mapper.compile(), { code: 'WHARF_INVALID_DECLARATION' });
    }
  });
});

describe('.{format} suffixes', () => {
  function givenServers(formatted?: boolean): Mapper<string> {
    const mapper = new Mapper<string>();
    mapper.resource('server', 'servers', {
      target: 'servers',
      owner: 'servers',
      collectionActions: { detail: 'GET' },
      ...(formatted === undefined ? {} : { formatted })
    });
    return mapper;
  }

  test('a suffix in the format list reaches the same route and binds format', () => {
    const table = givenServers().compile();
    assert.deepEqual(reached(table.match('GET', '/servers/detail.json?limit=1')), {
      action: 'detail',
      params: { format: 'json' }
    });
    assert.deepEqual(reached(table.match('GET', '/p1/servers/abc.xml')), {
      action: 'show',
      params: { project_id: 'p1', id: 'abc', format: 'xml' }
    });
    assert.deepEqual(reached(table.match('HEAD', '/servers.json')), {
      action: 'index',
      params: { format: 'json' }
    });
  });

  test('any other suffix stays part of the segment, as in routes', () => {
    const table = givenServers().compile();
    assert.deepEqual(reached(table.match('GET', '/servers/detail.yaml')), {
      action: 'show',
      params: { id: 'detail.yaml' }
    });
    assert.equal(table.match('GET', '/servers.yaml'), null);
  });

  test('an unformatted resource keeps the suffix in its parameter', () => {
    const table = givenServers(false).compile();
    assert.deepEqual(reached(table.match('GET', '/servers/key.json')), {
      action: 'show',
      params: { id: 'key.json' }
    });
  });

  test('a suffix tries patterned parameters in the order the plain path does', () => {
    const mapper = new Mapper<string>({ projectIdPrefix: false });
    const route = (path: string, action: string, pattern: string, formatted: boolean) => {
      const param = path.slice(path.indexOf('{') + 1, path.indexOf('}'));
      mapper.connect({
        method: 'GET',
        path,
        action,
        target: action,
        owner: 'o',
        formatted,
        requirements: { [param]: pattern }
      });
    };
    // The unformatted route brings the digits pattern to /x first, so the plain lookup tries
    // it before the later letters-or-digits one; the formatted lookup does the same.
    route('/x/{a}/foo', 'digitsFoo', '[0-9]+', false);
    route('/x/{b}', 'word', '[a-z0-9]+', true);
    route('/x/{a}', 'digits', '[0-9]+', true);
    const table = mapper.compile();
    assert.deepEqual(reached(table.match('GET', '/x/123')), {
      action: 'digits',
      params: { a: '123' }
    });
    assert.deepEqual(reached(table.match('GET', '/x/123.json')), {
      action: 'digits',
      params: { a: '123', format: 'json' }
    });
    assert.deepEqual(reached(table.match('GET', '/x/abc.json')), {
      action: 'word',
      params: { b: 'abc', format: 'json' }
    });
    assert.equal(table.match('GET', '/x/123/foo.json'), null);
  });

  test('the mapper decides which suffixes are formats', () => {
    const mapper = new Mapper<string>({ formats: ['yaml'] });
    mapper.resource('server', 'servers', { target: 'servers', owner: 'servers' });
    assert.deepEqual(reached(mapper.compile().match('GET', '/servers/a.yaml')), {
      action: 'show',
      params: { id: 'a', format: 'yaml' }
    });
  });
});
