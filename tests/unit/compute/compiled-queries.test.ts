/**
 * No SQL is built per request: once each request has run once, a hundred more of the hot
 * compute paths (flavors, servers show, list and detail, a create with metadata, the
 * quota usage of /limits, an update and a delete) compile no Kysely query and prepare no
 * SQLite statement. Counted at Kysely's query compiler and at better-sqlite3's `prepare`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { DefaultQueryCompiler } from 'kysely';
import { CATALOGUE_IMAGES } from '../../../extensions/compute/storage.js';
import { givenTestHost, type TestHost } from '../../helpers/test-host.js';

const UNLIMITED = { 'quota.instances': '-1', 'quota.cores': '-1', 'quota.ram': '-1' };

describe('the compute paths after warm-up', () => {
  let host: TestHost;
  let compiled = 0;
  let prepared = 0;
  const compile = DefaultQueryCompiler.prototype.compileQuery;
  const prepare = Sqlite.prototype.prepare;

  before(async () => {
    DefaultQueryCompiler.prototype.compileQuery = function counted(...args) {
      compiled++;
      return compile.apply(this, args);
    };
    Sqlite.prototype.prepare = function counted(this: Sqlite.Database, sql: string) {
      prepared++;
      return prepare.call(this, sql);
    } as typeof prepare;
    host = await givenTestHost(UNLIMITED);
  });
  after(async () => {
    DefaultQueryCompiler.prototype.compileQuery = compile;
    Sqlite.prototype.prepare = prepare;
    await host.close();
  });

  /** One of each request; answers the statuses. */
  async function round(index: number): Promise<number[]> {
    const created = await host.call('POST', '/v2.1/servers', {
      body: {
        server: {
          name: `vm-${index}`,
          imageRef: CATALOGUE_IMAGES[0].id,
          flavorRef: '1',
          metadata: { role: 'web', index: String(index) }
        }
      }
    });
    const id = created.body?.server?.id as string;
    const replies = await Promise.all([
      host.call('GET', '/v2.1/flavors'),
      host.call('GET', '/v2.1/flavors/detail'),
      host.call('GET', '/v2.1/flavors/1'),
      host.call('GET', `/v2.1/servers/${id}`),
      host.call('GET', '/v2.1/servers'),
      host.call('GET', '/v2.1/servers/detail?limit=5'),
      host.call('GET', '/v2.1/servers/detail?status=ACTIVE'),
      host.call('GET', '/v2.1/limits'),
      host.call('PUT', `/v2.1/servers/${id}`, { body: { server: { name: `renamed-${index}` } } })
    ]);
    const deleted = await host.call('DELETE', `/v2.1/servers/${id}`);
    return [created.status, ...replies.map((reply) => reply.status), deleted.status];
  }

  test('a hundred requests compile no query and prepare no statement', async () => {
    assert.deepEqual(await round(0), [202, 200, 200, 200, 200, 200, 200, 200, 200, 200, 204]);
    compiled = 0;
    prepared = 0;
    let requests = 0;
    for (let index = 1; requests < 100; index++) {
      const statuses = await round(index);
      assert.ok(
        statuses.every((status) => status < 300),
        `statuses ${statuses.join(' ')}`
      );
      requests += statuses.length;
    }
    assert.equal(compiled, 0, 'Kysely compilations after warm-up');
    assert.equal(prepared, 0, 'SQLite prepares after warm-up');
  });
});
