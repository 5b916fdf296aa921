import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { retryWhileBusy } from '../../../extensions/compute/db/busy-retry.js';
import { openDatabase } from '../../../extensions/compute/storage.js';

/** An error shaped like better-sqlite3's SqliteError. */
function sqliteError(code: string): Error & { code: string } {
  return Object.assign(new Error(code === 'SQLITE_BUSY' ? 'database is locked' : code), { code });
}

describe('openDatabase on a new SQLite file another process is turning to WAL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-compute-busy-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * A new file whose write lock a second connection holds in rollback mode, as a process
   * does while it turns on WAL: the opening connection gets SQLITE_BUSY at once from
   * `journal_mode = WAL`, busy_timeout or not.
   */
  function givenWriteLockedFile(name: string): { file: string; holder: Sqlite.Database } {
    const file = join(dir, name);
    const holder = new Sqlite(file);
    holder.exec('begin immediate');
    return { file, holder };
  }

  test('waits for the lock to be released and opens the file in WAL mode', async () => {
    const { file, holder } = givenWriteLockedFile('released.db');
    setTimeout(() => holder.exec('commit'), 100);
    const database = await openDatabase(`sqlite:${file}`, { migrate: true });
    try {
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(
        database.db
      );
      assert.equal(rows[0]?.journal_mode, 'wal');
      assert.equal((await database.db.selectFrom('flavors').select('id').execute()).length, 5);
    } finally {
      await database.close();
      holder.close();
    }
  });

  test('fails naming the step once the lock outlasts the busy timeout', async () => {
    const { file, holder } = givenWriteLockedFile('held.db');
    try {
      await assert.rejects(openDatabase(`sqlite:${file}`, { busyTimeoutMs: 100 }), (error) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, /^turning on WAL \(journal_mode = WAL\): database is locked/);
        assert.equal((error.cause as { code?: string }).code, 'SQLITE_BUSY');
        return true;
      });
    } finally {
      holder.exec('commit');
      holder.close();
    }
  });
});

describe('openDatabase with migrate on a current SQLite file another worker is writing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-compute-current-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('opens it without the write lock: nothing to migrate, nothing to wait for', async () => {
    const file = join(dir, 'current.db');
    await (await openDatabase(`sqlite:${file}`, { migrate: true })).close();
    // A worker's long transaction (a large batch create) holds the write lock.
    const holder = new Sqlite(file);
    holder.exec('begin immediate');
    try {
      const database = await openDatabase(`sqlite:${file}`, { migrate: true, busyTimeoutMs: 50 });
      try {
        assert.equal((await database.db.selectFrom('flavors').select('id').execute()).length, 5);
      } finally {
        await database.close();
      }
    } finally {
      holder.exec('rollback');
      holder.close();
    }
  });
});

describe('retryWhileBusy', () => {
  test('runs the step again after SQLITE_BUSY and its extended codes', async () => {
    const failures = [sqliteError('SQLITE_BUSY'), sqliteError('SQLITE_BUSY_RECOVERY')];
    let attempts = 0;
    const result = await retryWhileBusy('step', 1000, () => {
      attempts++;
      const failure = failures.shift();
      if (failure) throw failure;
      return 'done';
    });
    assert.equal(result, 'done');
    assert.equal(attempts, 3);
  });

  test('throws any other error at once, as it is', async () => {
    const constraint = sqliteError('SQLITE_CONSTRAINT');
    let attempts = 0;
    await assert.rejects(
      retryWhileBusy('step', 1000, () => {
        attempts++;
        throw constraint;
      }),
      (error) => error === constraint
    );
    assert.equal(attempts, 1);
  });
});
