/**
 * Transaction bodies (transaction-work.ts) and the direct statements of SQLite
 * (direct-statements.ts): a body runs at once and all or nothing, and neither a body nor a
 * prepared query ever lands inside another request's open transaction on the connection.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { PreparedQuery } from '../../../extensions/compute/db/prepared-query.js';
import { inTransaction, statement } from '../../../extensions/compute/db/transaction-work.js';
import { openDatabase, type ComputeDatabase } from '../../../extensions/compute/storage.js';

const LIMITS = new PreparedQuery((db, p: { projectId: string }) =>
  db.selectFrom('quotas').select(['resource', 'hard_limit']).where('project_id', '=', p.projectId)
);

const SET = new PreparedQuery((db, p: { projectId: string; limit: number }) =>
  db.insertInto('quotas').values({
    project_id: p.projectId,
    resource: 'cores',
    hard_limit: p.limit,
    created_at: '2026-01-01T00:00:00.000Z'
  })
);

/** Whether `promise` settled before the event loop's next turn. */
async function settledNow(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true)
  );
  await nextTurn();
  return settled;
}

describe('transaction bodies on SQLite', () => {
  let dir: string;
  let database: ComputeDatabase;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-transaction-work-'));
    database = await openDatabase(`sqlite:${join(dir, 'compute.db')}`, { migrate: true });
  });
  after(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('applies every statement of a body, or none when it throws', async () => {
    const written = await inTransaction(database, function* () {
      yield* statement(SET, { projectId: 'a', limit: 1 });
      return (yield* statement(LIMITS, { projectId: 'a' })).rows;
    });
    assert.deepEqual(written, [{ resource: 'cores', hard_limit: 1 }]);
    await assert.rejects(
      inTransaction(database, function* () {
        yield* statement(SET, { projectId: 'b', limit: 2 });
        throw new Error('refused');
      }),
      /refused/
    );
    assert.deepEqual(await LIMITS.rows(database.db, { projectId: 'b' }), []);
  });

  test("waits for another request's open transaction instead of running inside it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const other = database.db.transaction().execute(async (trx) => {
      await SET.run(trx, { projectId: 'c', limit: 3 });
      await held;
      throw new Error('rolled back');
    });
    await nextTurn();
    const read = LIMITS.rows(database.db, { projectId: 'c' });
    const body = inTransaction(database, function* () {
      return (yield* statement(LIMITS, { projectId: 'c' })).rows;
    });
    assert.equal(await settledNow(read), false, 'the read waited');
    assert.equal(await settledNow(body), false, 'the body waited');
    release();
    await assert.rejects(other, /rolled back/);
    assert.deepEqual(await read, [], 'the read never saw the uncommitted row');
    assert.deepEqual(await body, [], 'the body never saw the uncommitted row');
  });
});
