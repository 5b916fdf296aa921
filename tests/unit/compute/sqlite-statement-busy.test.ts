/**
 * A SQLite statement still busy after busy_timeout is a `DatabaseBusy` (503) on every path a
 * statement takes: a direct statement, a synchronous transaction (transaction-work.ts) and a
 * Kysely transaction (a body with turns, a migration).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { PreparedQuery } from '../../../extensions/compute/db/prepared-query.js';
import { inTransaction, statement } from '../../../extensions/compute/db/transaction-work.js';
import { DatabaseBusy } from '../../../extensions/compute/errors.js';
import { openDatabase, type ComputeDatabase } from '../../../extensions/compute/storage.js';

const renameFlavor = new PreparedQuery((db, p: { id: string; name: string }) =>
  db.updateTable('flavors').set({ name: p.name }).where('id', '=', p.id)
);

describe('a SQLite statement blocked past busy_timeout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-statement-busy-'));
  const file = join(dir, 'compute.db');
  let database: ComputeDatabase;
  let holder: Sqlite.Database;

  before(async () => {
    database = await openDatabase(`sqlite:${file}`, { migrate: true, busyTimeoutMs: 50 });
    holder = new Sqlite(file);
    holder.exec('begin immediate');
  });
  after(async () => {
    holder?.exec('rollback');
    holder?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function isBusyFault(error: unknown): boolean {
    assert.ok(error instanceof DatabaseBusy, String(error));
    assert.equal(error.code, 'COMPUTE_DATABASE_BUSY');
    assert.equal(error.statusCode, 503);
    assert.equal(error.headers['Retry-After'], '2');
    assert.equal((error.cause as { code?: string }).code, 'SQLITE_BUSY');
    return true;
  }

  test('is DatabaseBusy when run directly', async () => {
    await assert.rejects(renameFlavor.run(database.db, { id: '1', name: 'x' }), isBusyFault);
  });

  test('is DatabaseBusy at BEGIN IMMEDIATE of a synchronous transaction', async () => {
    const work = function* () {
      yield* statement(renameFlavor, { id: '1', name: 'x' });
    };
    await assert.rejects(inTransaction(database, work), isBusyFault);
  });

  test('is DatabaseBusy at BEGIN IMMEDIATE of a Kysely transaction', async () => {
    const work = function* () {
      yield* statement(renameFlavor, { id: '1', name: 'x' });
    };
    await assert.rejects(inTransaction(database, work, { turns: true }), isBusyFault);
    // The connection is free again: a read runs.
    assert.equal((await database.db.selectFrom('flavors').select('id').execute()).length, 5);
  });
});
