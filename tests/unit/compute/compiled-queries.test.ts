/**
 * No SQL is built per request: once each request has run once, a hundred more of the hot
 * compute paths (flavors, servers show, list and detail, a create with metadata, the
 * quota usage of /limits, an update and a delete), and of the key pair and server metadata
 * APIs, compile no Kysely query and prepare no SQLite statement. Counted at Kysely's query
 * compiler and at better-sqlite3's `prepare`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { DefaultQueryCompiler } from 'kysely';
import { CATALOGUE_IMAGES } from '../../../extensions/compute/storage.js';
import { givenTestHost, type TestHost } from '../../helpers/test-host.js';

const UNLIMITED = { 'quota.instances': '-1', 'quota.cores': '-1', 'quota.ram': '-1' };
const PUBLIC_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ/oIwfGABhiHi4b7lRipE1yI53H/tG1MAVa67d850vt ed25519@test';

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

  /** One of each key pair and metadata request; answers the statuses. */
  async function keypairsAndMetadata(index: number): Promise<number[]> {
    const server = await host.call('POST', '/v2.1/servers', {
      body: { server: { name: `md-${index}`, imageRef: CATALOGUE_IMAGES[0].id, flavorRef: '1' } }
    });
    const metadata = `/v2.1/servers/${server.body?.server?.id as string}/metadata`;
    const name = `key-${index}`;
    const calls: [string, string, unknown?][] = [
      ['POST', '/v2.1/os-keypairs', { keypair: { name, public_key: PUBLIC_KEY } }],
      ['GET', '/v2.1/os-keypairs'],
      ['GET', `/v2.1/os-keypairs/${name}`],
      ['DELETE', `/v2.1/os-keypairs/${name}`],
      ['PUT', metadata, { metadata: { a: '1', b: '2' } }],
      ['POST', metadata, { metadata: { c: '3' } }],
      ['GET', metadata],
      ['PUT', `${metadata}/d`, { meta: { d: '4' } }],
      ['GET', `${metadata}/d`],
      ['DELETE', `${metadata}/d`]
    ];
    const statuses = [server.status];
    for (const [method, path, body] of calls) {
      statuses.push((await host.call(method, path, body === undefined ? {} : { body })).status);
    }
    return statuses;
  }

  /** Runs `requests` once, then again until a hundred requests ran, counting after the first. */
  async function afterWarmUp(requests: (index: number) => Promise<number[]>): Promise<void> {
    const first = await requests(0);
    assert.ok(
      first.every((status) => status < 300),
      `statuses ${first.join(' ')}`
    );
    compiled = 0;
    prepared = 0;
    let count = 0;
    for (let index = 1; count < 100; index++) {
      const statuses = await requests(index);
      assert.ok(
        statuses.every((status) => status < 300),
        `statuses ${statuses.join(' ')}`
      );
      count += statuses.length;
    }
  }

  test('a hundred key pair and metadata requests compile no query and prepare no statement', async () => {
    await afterWarmUp(keypairsAndMetadata);
    assert.equal(compiled, 0, 'Kysely compilations after warm-up');
    assert.equal(prepared, 0, 'SQLite prepares after warm-up');
  });

  test('a hundred requests compile no query and prepare no statement', async () => {
    await afterWarmUp(round);
    assert.equal(compiled, 0, 'Kysely compilations after warm-up');
    assert.equal(prepared, 0, 'SQLite prepares after warm-up');
  });
});
