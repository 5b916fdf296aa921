import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Mapper } from '../../../core/routing/index.js';

/** nova's servers collection and its metadata, as route names see them. */
function givenNamedMapper(): Mapper<string> {
  const mapper = new Mapper<string>();
  mapper.resource('server', 'servers', {
    target: 'servers',
    owner: 'servers',
    collectionActions: { detail: 'GET' },
    memberActions: { action: 'POST' }
  });
  mapper.resource('server_meta', 'metadata', {
    target: 'metadata',
    owner: 'server-metadata',
    parentResource: { memberName: 'server', collectionName: 'servers' }
  });
  return mapper;
}

describe('named routes', () => {
  test('Mapper.resource names every route as routes does, with the parent as name prefix', () => {
    const names = givenNamedMapper()
      .routes()
      .map(({ name, method, path }) => `${name} ${method} ${path}`);
    assert.deepEqual(names, [
      'servers GET /servers',
      'create_servers POST /servers',
      'detail_servers GET /servers/detail',
      'server GET /servers/{id}',
      'update_server PUT /servers/{id}',
      'delete_server DELETE /servers/{id}',
      'action_server POST /servers/{id}/action',
      'server_metadata GET /servers/{server_id}/metadata',
      'server_create_metadata POST /servers/{server_id}/metadata',
      'server_server_meta GET /servers/{server_id}/metadata/{id}',
      'server_update_server_meta PUT /servers/{server_id}/metadata/{id}',
      'server_delete_server_meta DELETE /servers/{server_id}/metadata/{id}'
    ]);
  });

  test('an explicit name prefix replaces the parent one', () => {
    const mapper = new Mapper<string>();
    mapper.resource('tag', 'tags', {
      target: 'tags',
      owner: 'tags',
      parentResource: { memberName: 'server', collectionName: 'servers' },
      namePrefix: ''
    });
    assert.equal(mapper.compile().urlFor('tags', { server_id: 's1' }), '/servers/s1/tags');
  });

  test('urlFor fills the path, encodes parameters and puts the rest in the query', () => {
    const table = givenNamedMapper().compile();
    assert.equal(table.urlFor('server', { id: 'a b/c' }), '/servers/a%20b%2Fc');
    assert.equal(
      table.urlFor('detail_servers', { limit: '2', status: ['ACTIVE', 'ERROR'], marker: 'm' }),
      '/servers/detail?limit=2&status=ACTIVE&status=ERROR&marker=m'
    );
    assert.equal(
      table.urlFor('server_server_meta', { server_id: 's1', id: 'k' }),
      '/servers/s1/metadata/k'
    );
  });

  test('urlFor puts project_id in front and leaves out undefined parameters', () => {
    const table = givenNamedMapper().compile();
    assert.equal(table.urlFor('server', { project_id: 'p1', id: 'x' }), '/p1/servers/x');
    assert.equal(table.urlFor('server', { project_id: undefined, id: 'x' }), '/servers/x');
    assert.equal(table.urlFor('servers', { project_id: '', limit: undefined }), '/servers');
  });

  test('urlFor adds the format suffix, also through a formatted_ name', () => {
    const table = givenNamedMapper().compile();
    assert.equal(table.urlFor('detail_servers', { format: 'json' }), '/servers/detail.json');
    assert.equal(table.urlFor('formatted_server', { id: 'x', format: 'json' }), '/servers/x.json');
    assert.throws(() => table.urlFor('formatted_server', { id: 'x' }), {
      code: 'WHARF_URL_GENERATION'
    });
  });

  test('urlFor refuses an unknown name, a missing parameter and a format on an unformatted route', () => {
    const mapper = givenNamedMapper();
    mapper.connect({
      method: 'GET',
      path: '/plain',
      action: 'plain',
      name: 'plain',
      target: 'plain',
      owner: 'plain'
    });
    const table = mapper.compile();
    for (const generate of [
      () => table.urlFor('no_such_route'),
      () => table.urlFor('server', {}),
      () => table.urlFor('server', { id: '' }),
      () => table.urlFor('plain', { format: 'json' })
    ]) {
      assert.throws(generate, { code: 'WHARF_URL_GENERATION' });
    }
  });

  test('generate finds the first route with the action and every path parameter', () => {
    const table = givenNamedMapper().compile();
    assert.equal(table.generate({ action: 'show', id: 'x' }), '/servers/x');
    assert.equal(
      table.generate({ action: 'show', owner: 'server-metadata', server_id: 's', id: 'k' }),
      '/servers/s/metadata/k'
    );
    assert.equal(
      table.generate({ action: 'index', owner: 'servers', limit: '1' }),
      '/servers?limit=1'
    );
    assert.equal(table.generate({ action: 'show' }), null);
    assert.equal(table.generate({ action: 'no-such-action' }), null);
  });

  test('refuses one name for two different paths', () => {
    const mapper = new Mapper<string>();
    for (const path of ['/a', '/b']) {
      mapper.connect({ method: 'GET', path, action: 'x', name: 'same', target: 'x', owner: 'o' });
    }
    assert.throws(() => mapper.compile(), { code: 'WHARF_INVALID_DECLARATION' });
  });
});
