import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { allRows } from '../../../extensions/compute/db/row-objects.js';

/** An in-memory database with a table `t` of a few typed rows. */
function givenTable(): Sqlite.Database {
  const sqlite = new Sqlite(':memory:');
  sqlite.exec(`create table t (id integer primary key, name text, size real, data blob, gone text);
    insert into t (name, size, data) values ('one', 1.5, x'0102'), ('two', null, null);`);
  return sqlite;
}

/** What better-sqlite3 itself answers, and the keys in their order. */
function expected(statement: Sqlite.Statement, parameters: unknown[]): unknown {
  const rows = statement.all(parameters) as Record<string, unknown>[];
  return rows.map((row) => [Object.keys(row), row]);
}

function actual(statement: Sqlite.Statement, parameters: unknown[]): unknown {
  return allRows(statement, parameters).map((row) => [Object.keys(row), row]);
}

describe('allRows', () => {
  test('answers the objects better-sqlite3 answers, keys in column order', () => {
    const statement = givenTable().prepare('select * from t where id >= ? order by id');
    assert.deepEqual(actual(statement, [1]), expected(statement, [1]));
    assert.deepEqual(actual(statement, [1]), expected(statement, [1]));
    assert.deepEqual(allRows(statement, [3]), []);
  });

  test('keeps the first place and the last value of a repeated column name', () => {
    const statement = givenTable().prepare('select 1 as a, 2 as b, 3 as a');
    assert.deepEqual(actual(statement, []), [[['a', 'b'], { a: 3, b: 2 }]]);
    assert.deepEqual(actual(statement, []), expected(statement, []));
  });

  test('sets a column named __proto__ as better-sqlite3 does', () => {
    const statement = givenTable().prepare(`select 'x' as name, null as "__proto__"`);
    const [row] = allRows(statement, []);
    const [reference] = statement.all([]) as object[];
    assert.deepEqual(Object.keys(row!), Object.keys(reference!));
    assert.equal(Object.getPrototypeOf(row), Object.getPrototypeOf(reference));
  });

  test('follows a select * that widens after a schema change', () => {
    const sqlite = givenTable();
    const statement = sqlite.prepare('select * from t where id = ?');
    allRows(statement, [1]);
    sqlite.exec(`alter table t add column extra text default 'e'`);
    assert.deepEqual(actual(statement, [1]), expected(statement, [1]));
    assert.equal(allRows(statement, [1])[0]!.extra, 'e');
  });

  test('leaves the statement answering objects, also after a failure', () => {
    const sqlite = givenTable();
    const statement = sqlite.prepare('insert into t (id, name) values (?, ?) returning *');
    allRows(statement, [10, 'ten']);
    assert.throws(() => allRows(statement, [10, 'again']), {
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY'
    });
    assert.deepEqual(statement.all([11, 'eleven']), [
      { id: 11, name: 'eleven', size: null, data: null, gone: null }
    ]);
  });
});
