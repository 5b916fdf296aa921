/**
 * The statements one server create runs, counted at the SQLite driver (every statement
 * Kysely runs asks the database for its prepared statement, BEGIN and COMMIT included): a
 * create whose quota check went back to counting the project's servers, or that commits
 * more than once before spawning, fails here.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { createLogger } from '../../../core/logger.js';
import { sqliteDatabase } from '../../../extensions/compute/db/database.js';
import { StatementCache } from '../../../extensions/compute/db/statement-cache.js';
import {
  ComputeAPI,
  FakeDriver,
  quotaDefaults,
  type ComputeDatabase
} from '../../../extensions/compute/index.js';
import {
  migrateToLatest,
  QuotaRepository,
  ServerRepository
} from '../../../extensions/compute/storage.js';
import { loadConfig } from '../../../core/host.js';
import { givenScope } from './given-database.js';
import { givenServerInput } from './given-server.js';

/** A statement cache that records the SQL of every statement run through it. */
class RecordingStatements extends StatementCache {
  readonly run: string[] = [];
  override prepare(sql: string): Sqlite.Statement {
    this.run.push(sql);
    return super.prepare(sql);
  }
}

/** The kind of a statement: its verb and the table it works on, e.g. `insert servers`. */
function kind(sql: string): string {
  const verb = sql.trim().split(/\s+/)[0]!.toLowerCase();
  const table = /(?:from|into|update)\s+"(\w+)"/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : sql.trim().toLowerCase();
}

describe('one server create', () => {
  let dir: string;
  let statements: RecordingStatements;
  let database: ComputeDatabase;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-create-statements-'));
    statements = new RecordingStatements(new Sqlite(join(dir, 'compute.db')));
    const db = sqliteDatabase(statements);
    database = { db, dialect: 'sqlite', close: () => db.destroy() };
    await migrateToLatest(database);
  });
  after(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('runs one transaction of five statements and one UPDATE, whatever the project holds', async () => {
    const servers = new ServerRepository(database);
    const quotas = new QuotaRepository(database, quotaDefaults(loadConfig({ env: {} })), 1000);
    const compute = new ComputeAPI(servers, new FakeDriver(), createLogger({ silent: true }));
    const scope = givenScope();
    await quotas.update(scope.projectId, { instances: -1, cores: -1, ram: -1 }, false);
    const boot = () =>
      compute.bootMany([givenServerInput(scope)], scope, () =>
        quotas.checkServerCreate(scope.projectId, {
          flavor: { vcpus: 1, ram: 512 },
          minCount: 1,
          maxCount: 1,
          metadataItems: 0
        })
      );
    for (let i = 0; i < 50; i++) await boot();
    statements.run.length = 0;
    const server = await boot();
    assert.equal(server.status, 'ACTIVE');
    assert.deepEqual(statements.run.map(kind), [
      'begin immediate',
      'insert project_usage',
      'select quotas',
      'select project_usage',
      'insert servers',
      'commit',
      'update servers'
    ]);
    assert.deepEqual(await quotas.usage(scope.projectId, scope.userId), {
      instances: 51,
      cores: 51,
      ram: 51 * 512,
      key_pairs: 0
    });
  });
});
