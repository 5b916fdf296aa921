import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import {
  DEFAULT_FLAVORS,
  migrateToLatest,
  openDatabase,
  MIGRATION_TABLE
} from '../../../extensions/compute/storage.js';
import { ServerRepository } from '../../../extensions/compute/storage.js';
import { BACKENDS, givenScope, type GivenDatabase } from './given-database.js';
import { givenServerInput } from './given-server.js';

const ALL_MIGRATIONS = [
  '0001-initial-schema',
  '0002-seed-catalogue',
  '0003-quotas',
  '0004-project-usage'
];
const LIBRARY = new URL('../../../extensions/compute/storage.js', import.meta.url).href;

/** Runs `migrateToLatest` in a separate node process; resolves with what it applied. */
function givenMigratingProcess(connection: string): Promise<string[]> {
  const script =
    `const { openDatabase, migrateToLatest } = await import(${JSON.stringify(LIBRARY)});` +
    'const database = await openDatabase(process.argv[1]);' +
    'try { console.log(JSON.stringify(await migrateToLatest(database))); }' +
    'finally { await database.close(); }';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, connection]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as string[])
        : reject(new Error(`migrating process exited ${code}: ${err}`))
    );
  });
}

for (const backend of BACKENDS) {
  describe(`compute migrations on ${backend.name}`, { skip: backend.skip }, () => {
    const owned: GivenDatabase[] = [];
    async function givenEmptyDatabase(): Promise<GivenDatabase> {
      const given = await backend.givenDatabase({ migrate: false });
      owned.push(given);
      return given;
    }
    after(async () => {
      for (const given of owned) await given.cleanup();
    });

    test('applies every migration once and nothing on a second run', async () => {
      const { database } = await givenEmptyDatabase();
      assert.deepEqual(await migrateToLatest(database), ALL_MIGRATIONS);
      assert.deepEqual(await migrateToLatest(database), []);
      const recorded = await sql<{
        name: string;
      }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(database.db);
      assert.deepEqual(
        recorded.rows.map((row) => row.name),
        ALL_MIGRATIONS
      );
    });

    test("seeds nova's default flavors and the image catalogue", async () => {
      const { database } = await givenEmptyDatabase();
      await migrateToLatest(database);
      const flavors = await database.db.selectFrom('flavors').selectAll().orderBy('id').execute();
      assert.deepEqual(
        flavors.map(({ id, name, ram, vcpus, disk }) => ({ id, name, ram, vcpus, disk })),
        DEFAULT_FLAVORS
      );
      const images = await database.db.selectFrom('images').select('name').execute();
      assert.ok(images.some((image) => image.name === 'cirros-0.6.2-x86_64-disk'));
    });

    test("fills each project's usage from its live servers when 0004 runs", async () => {
      const { database } = await givenEmptyDatabase();
      await migrateToLatest(database);
      const servers = new ServerRepository(database);
      const [one, two] = [givenScope(), givenScope()];
      await servers.createMany([
        givenServerInput(one, { flavorId: '2' }),
        givenServerInput(one),
        givenServerInput(two)
      ]);
      await servers.softDelete((await servers.create(givenServerInput(two))).id);
      // As a database migrated before 0004 with these servers in it.
      await database.db.schema.dropTable('project_usage').execute();
      await sql`delete from ${sql.table(MIGRATION_TABLE)} where name = ${'0004-project-usage'}`.execute(
        database.db
      );
      assert.deepEqual(await migrateToLatest(database), ['0004-project-usage']);
      const rows = await database.db
        .selectFrom('project_usage')
        .select(['project_id', 'instances', 'cores', 'ram'])
        .execute();
      const usage = Object.fromEntries(rows.map(({ project_id, ...used }) => [project_id, used]));
      assert.deepEqual(usage, {
        [one.projectId]: { instances: 2, cores: 2, ram: 2560 },
        [two.projectId]: { instances: 1, cores: 1, ram: 512 }
      });
    });

    test('migrates on open when asked, and an already current database stays as it is', async () => {
      const given = await givenEmptyDatabase();
      const opened = await openDatabase(given.connection, { migrate: true });
      try {
        assert.deepEqual(await migrateToLatest(opened), []);
        assert.deepEqual(await migrateToLatest(given.database), []);
      } finally {
        await opened.close();
      }
    });

    test('two processes migrating at once apply each migration exactly once', async () => {
      const { connection } = await givenEmptyDatabase();
      const [first, second] = await Promise.all([
        givenMigratingProcess(connection),
        givenMigratingProcess(connection)
      ]);
      assert.deepEqual([...first!, ...second!].sort(), ALL_MIGRATIONS);
    });

    test('refuses a database a newer version migrated, naming the unknown migration', async () => {
      const { database } = await givenEmptyDatabase();
      await migrateToLatest(database);
      await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values (${'9999-from-the-future'}, ${new Date().toISOString()})`.execute(
        database.db
      );
      await assert.rejects(migrateToLatest(database), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'COMPUTE_SCHEMA_NEWER');
        assert.match(error.message, /newer than this wharf.*9999-from-the-future/);
        return true;
      });
    });

    describe('when a migration fails', () => {
      let given: GivenDatabase;
      let failure: unknown;
      before(async () => {
        given = await givenEmptyDatabase();
        await given.database.db.schema.createTable('keypairs').addColumn('x', 'integer').execute();
        failure = await migrateToLatest(given.database).catch((error: unknown) => error);
      });

      test('throws COMPUTE_MIGRATION_FAILED naming the migration', () => {
        assert.equal((failure as { code?: string }).code, 'COMPUTE_MIGRATION_FAILED');
        assert.match((failure as Error).message, /0001-initial-schema/);
      });

      test('leaves no part of the failed run applied', async () => {
        await assert.rejects(given.database.db.selectFrom('servers').selectAll().execute());
      });
    });
  });
}
