/**
 * Nothing lazy on the first request: once the host is assembled (before it would listen),
 * the compute storage is open, migrated and warmed, so the first request to each bundled
 * collection prepares no SQL statement, and a repeated request prepares none either.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

describe('the first request to each bundled collection', () => {
  let host: TestHost;
  const prepared: string[] = [];
  const original = Sqlite.prototype.prepare;

  before(async () => {
    Sqlite.prototype.prepare = function counted(this: Sqlite.Database, sql: string) {
      prepared.push(sql);
      return original.call(this, sql);
    } as typeof original;
    host = await givenTestHost();
  });
  after(async () => {
    Sqlite.prototype.prepare = original;
    await host.close();
  });

  test('the host prepared the statements while it started', () => {
    assert.ok(prepared.length > 10, `prepared ${prepared.length} statements`);
  });

  for (const path of [
    '/v2.1/flavors',
    '/v2.1/flavors/1',
    '/v2.1/servers',
    '/v2.1/servers/detail',
    '/v2.1/images',
    '/v2.1/os-keypairs',
    '/v2.1/limits'
  ]) {
    test(`GET ${path} prepares no statement, first or again`, async () => {
      const before = prepared.length;
      assert.equal((await host.call('GET', path)).status, 200);
      assert.equal((await host.call('GET', path)).status, 200);
      assert.deepEqual(prepared.slice(before), []);
    });
  }
});
