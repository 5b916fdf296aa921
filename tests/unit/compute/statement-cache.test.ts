import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { StatementCache } from '../../../extensions/compute/db/statement-cache.js';

/** An in-memory database counting its `prepare` calls. */
function givenCountingDatabase(): { sqlite: Sqlite.Database; prepared: string[] } {
  const sqlite = new Sqlite(':memory:');
  const prepared: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof sqlite.prepare;
  return { sqlite, prepared };
}

describe('StatementCache', () => {
  test('prepares each SQL text once and answers later uses from the cache', () => {
    const { sqlite, prepared } = givenCountingDatabase();
    const cache = new StatementCache(sqlite);
    cache.prepare('create table t (x integer)').run([]);
    const insert = cache.prepare('insert into t (x) values (?)');
    insert.run([1]);
    assert.equal(cache.prepare('insert into t (x) values (?)'), insert);
    cache.prepare('insert into t (x) values (?)').run([2]);
    assert.deepEqual(cache.prepare('select x from t order by x').all([]), [{ x: 1 }, { x: 2 }]);
    assert.deepEqual(prepared, [
      'create table t (x integer)',
      'insert into t (x) values (?)',
      'select x from t order by x'
    ]);
  });

  test('keeps at most its limit, dropping the oldest', () => {
    const { sqlite, prepared } = givenCountingDatabase();
    const cache = new StatementCache(sqlite, 2);
    for (const n of [1, 2, 3]) cache.prepare(`select ${n}`);
    assert.equal(cache.size, 2);
    cache.prepare('select 3');
    cache.prepare('select 1');
    assert.deepEqual(prepared, ['select 1', 'select 2', 'select 3', 'select 1']);
  });

  test('closes the database', () => {
    const { sqlite } = givenCountingDatabase();
    const cache = new StatementCache(sqlite);
    cache.prepare('select 1');
    cache.close();
    assert.equal(sqlite.open, false);
    assert.equal(cache.size, 0);
  });
});
