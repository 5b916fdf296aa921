import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, parseConnectionString } from '../../../extensions/compute/storage.js';

describe('parseConnectionString', () => {
  test('resolves a relative sqlite path against the working directory', () => {
    assert.deepEqual(parseConnectionString('sqlite:data/compute.db', '/srv/wharf'), {
      dialect: 'sqlite',
      filename: '/srv/wharf/data/compute.db'
    });
  });

  test('keeps sqlite:///abs/path absolute', () => {
    assert.deepEqual(parseConnectionString('sqlite:///var/lib/wharf/compute.db', '/srv'), {
      dialect: 'sqlite',
      filename: '/var/lib/wharf/compute.db'
    });
  });

  test('recognises the in-memory database', () => {
    assert.deepEqual(parseConnectionString('sqlite::memory:'), {
      dialect: 'sqlite',
      filename: ':memory:'
    });
  });

  test('hands postgres:// and postgresql:// URLs to pg as they are', () => {
    for (const url of ['postgres://u:p@db/nova', 'postgresql://db:5433/nova?sslmode=disable']) {
      assert.deepEqual(parseConnectionString(url), { dialect: 'postgres', url });
    }
  });

  test('rejects other schemes and an empty path with COMPUTE_INVALID_DATABASE_URL', () => {
    for (const connection of ['mysql://db/nova', 'compute.db', 'sqlite:']) {
      assert.throws(() => parseConnectionString(connection), {
        code: 'COMPUTE_INVALID_DATABASE_URL'
      });
    }
  });
});

describe('openDatabase on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-compute-open-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('creates the folder of a new file and turns on WAL, busy_timeout and foreign keys', async () => {
    const file = join(dir, 'nested', 'deeper', 'compute.db');
    const database = await openDatabase(`sqlite:${file}`);
    try {
      assert.ok(existsSync(file));
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
      assert.equal(await pragma('journal_mode'), 'wal');
      assert.equal(await pragma('busy_timeout'), 5000);
      assert.equal(await pragma('foreign_keys'), 1);
    } finally {
      await database.close();
    }
  });

  test('opens an in-memory database with the schema when asked to migrate', async () => {
    const database = await openDatabase('sqlite::memory:', { migrate: true });
    try {
      const flavors = await database.db.selectFrom('flavors').select('id').execute();
      assert.equal(flavors.length, 5);
    } finally {
      await database.close();
    }
  });
});
