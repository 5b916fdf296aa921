/**
 * The backends every compute storage suite runs against: SQLite in a temporary folder
 * always, PostgreSQL when WHARF_TEST_POSTGRES_URL is set (each run in its own schema,
 * dropped afterwards). Suites loop over BACKENDS and skip, with the reason, what is absent.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type ComputeDatabase, type Scope } from '../../../extensions/compute/index.js';
import { openDatabase } from '../../../extensions/compute/storage.js';

/** A database a suite owns. */
export interface GivenDatabase {
  /** The connection string, for other connections or processes. */
  readonly connection: string;
  /** The suite's main connection. */
  readonly database: ComputeDatabase;
  /** Opens another connection to the same database; closed by `cleanup`. */
  openAnother(): Promise<ComputeDatabase>;
  /** Closes every connection and removes the database. */
  cleanup(): Promise<void>;
}

/** One backend: how to get a fresh database, or why it is skipped. */
export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** The skip reason, or false when the backend is available. */
  readonly skip: string | false;
  givenDatabase(options?: { migrate?: boolean }): Promise<GivenDatabase>;
}

const POSTGRES_URL = process.env.WHARF_TEST_POSTGRES_URL;

/** SQLite, then PostgreSQL. */
export const BACKENDS: readonly Backend[] = [
  {
    name: 'sqlite',
    skip: false,
    async givenDatabase(options = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'wharf-compute-'));
      return given(`sqlite:${join(dir, 'compute.db')}`, options, async () =>
        rmSync(dir, { recursive: true, force: true })
      );
    }
  },
  {
    name: 'postgres',
    skip: POSTGRES_URL ? false : 'set WHARF_TEST_POSTGRES_URL to run against PostgreSQL',
    async givenDatabase(options = {}) {
      const schema = `wharf_test_${randomBytes(6).toString('hex')}`;
      await withPostgres((client) => client.query(`create schema ${schema}`));
      const url = new URL(POSTGRES_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return given(url.toString(), options, () =>
        withPostgres((client) => client.query(`drop schema ${schema} cascade`))
      );
    }
  }
];

async function given(
  connection: string,
  options: { migrate?: boolean },
  remove: () => Promise<unknown>
): Promise<GivenDatabase> {
  const database = await openDatabase(connection, { migrate: options.migrate ?? true });
  const others: ComputeDatabase[] = [];
  return {
    connection,
    database,
    async openAnother() {
      const other = await openDatabase(connection);
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others) await other.close();
      await database.close();
      await remove();
    }
  };
}

async function withPostgres(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** A caller in a project of its own, so tests sharing a database do not see each other. */
export function givenScope(overrides: Partial<Scope> = {}): Scope {
  return {
    projectId: `project-${randomUUID()}`,
    userId: `user-${randomUUID()}`,
    isAdmin: false,
    allTenants: false,
    ...overrides
  };
}

/** An administrator asking for all tenants. */
export function givenAdmin(overrides: Partial<Scope> = {}): Scope {
  return givenScope({ isAdmin: true, allTenants: true, ...overrides });
}
