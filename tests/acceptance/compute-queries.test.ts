/**
 * The queries a server show or detail runs: the `OS-*` attribute extensions reuse the rows
 * the servers resource read, so the servers are read once per request, never again by id.
 * And the statements of a create: its flavor and image are read inside its transaction.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { givenServer } from './compute-servers-given.js';

type Statement = ReturnType<Sqlite.Database['prepare']>;

describe('queries of server show and detail', () => {
  let host: TestHost;
  let id: string;
  const executed: string[] = [];
  const statement = Object.getPrototypeOf(new Sqlite(':memory:').prepare('select 1')) as Statement;
  const { all, get, run } = statement;

  before(async () => {
    statement.all = function counted(this: Statement, ...params: unknown[]) {
      executed.push(this.source);
      return all.apply(this, params as never);
    } as typeof all;
    statement.get = function counted(this: Statement, ...params: unknown[]) {
      executed.push(this.source);
      return get.apply(this, params as never);
    } as typeof get;
    statement.run = function counted(this: Statement, ...params: unknown[]) {
      executed.push(this.source);
      return run.apply(this, params as never);
    } as typeof run;
    host = await givenTestHost();
    id = await givenServer(host, { metadata: { role: 'web' } });
    await givenServer(host, { name: 'second' });
  });
  after(async () => {
    statement.all = all;
    statement.get = get;
    statement.run = run;
    await host.close();
  });

  const serversReads = (queries: string[]) =>
    queries.filter((sql) => /^select .* from "servers"/.test(sql));

  for (const path of ['/v2.1/servers/detail', () => `/v2.1/servers/${id}`]) {
    test(`GET ${typeof path === 'string' ? path : '/v2.1/servers/{id}'} reads the servers once`, async () => {
      const url = typeof path === 'string' ? path : path();
      const from = executed.length;
      const reply = await host.call('GET', url);
      assert.equal(reply.status, 200);
      const shown = reply.body.servers ?? [reply.body.server];
      assert.ok(shown.every((server: Record<string, unknown>) => 'OS-EXT-STS:vm_state' in server));
      assert.deepEqual(
        serversReads(executed.slice(from)).length,
        1,
        executed.slice(from).join('\n')
      );
    });
  }

  test('POST /v2.1/servers reads its flavor and image in its one transaction', async () => {
    const from = executed.length;
    await givenServer(host, { name: 'third' });
    const kinds = executed.slice(from).map((sql) => {
      const verb = sql.trim().split(/\s+/)[0]!.toLowerCase();
      const table = /(?:from|into|update)\s+"(\w+)"/i.exec(sql)?.[1];
      return table ? `${verb} ${table}` : sql.trim().toLowerCase();
    });
    assert.deepEqual(kinds, [
      'begin immediate',
      'insert project_usage',
      'select flavors',
      'select images',
      'select quotas',
      'select project_usage',
      'insert servers',
      'commit',
      'update servers'
    ]);
  });
});
