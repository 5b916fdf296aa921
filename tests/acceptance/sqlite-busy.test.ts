/**
 * `[database] busy_timeout` on SQLite: while another connection (another worker) holds the
 * write lock past it, a write answers 503 `COMPUTE_DATABASE_BUSY` with `Retry-After`, in
 * about the timeout, never a 500; once the lock is released the next request is served.
 * A read never waits for the lock: it answers at once, and a host (a worker) starts,
 * its warm-up reads included, while the lock is held.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { ComputeServices } from '../../extensions/compute/index.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { createServer, givenServer } from './compute-servers-given.js';

describe('SQLite write lock held past busy_timeout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-sqlite-busy-'));
  const file = join(dir, 'compute.db');
  let host: TestHost;
  let holder: Sqlite.Database;

  before(async () => {
    host = await givenTestHost({
      'database.connection': `sqlite:${file}`,
      'database.busy_timeout': '0.2'
    });
    holder = new Sqlite(file);
  });
  after(async () => {
    holder?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sends `request` while `holder` holds the write lock; releases it afterwards. */
  async function whileLocked<T>(request: () => Promise<T>): Promise<{ reply: T; tookMs: number }> {
    holder.exec('begin immediate');
    try {
      const started = Date.now();
      const reply = await request();
      return { reply, tookMs: Date.now() - started };
    } finally {
      holder.exec('rollback');
    }
  }

  function assertBusy(reply: Awaited<ReturnType<TestHost['call']>>, tookMs: number): void {
    assert.equal(reply.status, 503, reply.text);
    assert.equal(reply.headers.get('retry-after'), '2');
    assert.deepEqual(Object.keys(reply.body as object), ['serviceUnavailable']);
    assert.equal(reply.body.serviceUnavailable.code, 503);
    assert.ok(tookMs >= 150 && tookMs < 5000, `answered after ${tookMs} ms`);
  }

  test('a create answers 503 with Retry-After, then the next one is served', async () => {
    const { reply, tookMs } = await whileLocked(() => createServer(host, { name: 'locked' }));
    assertBusy(reply, tookMs);
    const served = await createServer(host, { name: 'after' });
    assert.equal(served.status, 202, served.text);
  });

  test('an update answers 503 with Retry-After, then the next one is served', async () => {
    const id = await givenServer(host, { name: 'before' });
    const rename = (name: string) =>
      host.call('PUT', `/v2.1/servers/${id}`, { body: { server: { name } } });
    const { reply, tookMs } = await whileLocked(() => rename('locked'));
    assertBusy(reply, tookMs);
    const served = await rename('after');
    assert.equal(served.status, 200, served.text);
    assert.equal(served.body.server.name, 'after');
  });

  test('answers reads of extra specs and metadata while the lock is held', async () => {
    const backend = await host.host.container.resolve(ComputeServices).backend();
    await backend.flavors.setExtraSpecs('1', { 'hw:cpu_policy': 'dedicated' });
    const id = await givenServer(host, { name: 'tagged', metadata: { role: 'web' } });
    const { reply } = await whileLocked(async () => [
      await host.call('GET', '/v2.1/flavors/1/os-extra_specs'),
      await host.call('GET', '/v2.1/flavors/1/os-extra_specs/hw:cpu_policy'),
      await host.call('GET', `/v2.1/servers/${id}/metadata`),
      await host.call('GET', `/v2.1/servers/${id}/metadata/role`)
    ]);
    const [specs, spec, metadata, item] = reply;
    assert.equal(specs!.status, 200, specs!.text);
    assert.deepEqual(specs!.body, { extra_specs: { 'hw:cpu_policy': 'dedicated' } });
    assert.deepEqual(spec!.body, { 'hw:cpu_policy': 'dedicated' });
    assert.equal(metadata!.status, 200, metadata!.text);
    assert.deepEqual(metadata!.body, { metadata: { role: 'web' } });
    assert.deepEqual(item!.body, { meta: { role: 'web' } });
  });

  test('starts another host on the file, warm-up included, while the lock is held', async () => {
    const { reply: other, tookMs } = await whileLocked(() =>
      givenTestHost({ 'database.connection': `sqlite:${file}`, 'database.busy_timeout': '10' })
    );
    try {
      // Waiting for the lock would take the 10 s busy timeout, then fail start-up.
      assert.ok(tookMs < 5000, `started after ${tookMs} ms`);
      const reply = await other.call('GET', '/v2.1/flavors/1/os-extra_specs');
      assert.equal(reply.status, 200, reply.text);
    } finally {
      await other.close();
    }
  });
});
