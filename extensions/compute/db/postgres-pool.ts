/**
 * The PostgreSQL connection pool of one process (one per worker): pg's Pool sized and timed
 * by `[database] max_pool_size`, `connect_timeout` and `statement_timeout`, seen by Kysely
 * through a thin wrapper that turns the failures of postgres-failures.ts into 503 faults
 * (`DatabaseUnavailable`, `DatabaseTimeout`). An outage is logged once when it starts and
 * once when a query succeeds again; broken connections leave the pool as pg finds them, so
 * the pool recovers by itself when the server is back. The statements of prepared queries
 * run by name (statement-names.ts).
 */
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { Logger } from 'wharf';
import { DatabaseTimeout, DatabaseUnavailable } from '../errors.js';
import { redacted } from './connection-string.js';
import { postgresFailure } from './postgres-failures.js';
import { statementName } from './statement-names.js';

/** Sizes and deadlines of the pool. */
export interface PostgresPoolOptions {
  /** Most connections this process holds. */
  maxPoolSize: number;
  /** How long opening a connection, or waiting for a free one, may take, in ms. */
  connectTimeoutMs: number;
  /** How long a statement may run before PostgreSQL cancels it, in ms; 0 for no limit. */
  statementTimeoutMs: number;
}

/** The pool of a caller without a configuration (tests, tools): `[database]`'s defaults. */
export const DEFAULT_POOL_OPTIONS: PostgresPoolOptions = {
  maxPoolSize: 10,
  connectTimeoutMs: 5000,
  statementTimeoutMs: 30_000
};

/** Opens the pool of `url`; its failures are logged to `logger`. */
export async function openPostgresPool(
  url: string,
  options: PostgresPoolOptions,
  logger: Logger | undefined
): Promise<PostgresPool> {
  // pg is loaded only when a PostgreSQL database is configured: most hosts never need it.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxPoolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    ...(options.statementTimeoutMs > 0 ? { statement_timeout: options.statementTimeoutMs } : {}),
    keepAlive: true
  });
  const outage = new OutageLog(logger, redacted(url));
  // An idle connection the server drops (restart, failover) is reported here; without a
  // listener the process would die of it. The pool has already discarded the connection.
  pool.on('error', (error) => outage.failed(error));
  const clients = new WeakMap<object, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect().catch((error: unknown) => {
        throw outage.translate(error);
      });
      let wrapped = clients.get(client);
      if (!wrapped) {
        // A connection dropped while a caller holds it is reported on the client, not on the
        // pool (pg takes its idle listener off a client it hands out): listen for the
        // client's whole life. Its query fails too; its release then discards it.
        client.on('error', (error: Error) => outage.failed(error));
        wrapped = translatingClient(client, outage);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end()
  };
}

/** The subset of pg's PoolClient the wrapper calls. */
interface PgClient {
  query(query: {
    text: string;
    values: unknown[];
    name?: string;
  }): Promise<PostgresQueryResult<unknown>>;
  release(): void;
}

function translatingClient(client: PgClient, outage: OutageLog): PostgresPoolClient {
  return {
    async query(sql: string, parameters: ReadonlyArray<unknown>) {
      try {
        // A prepared query's statement is named: pg parses and plans it once per connection.
        const name = statementName(sql);
        const values = [...parameters];
        const result = await client.query(
          name === undefined ? { text: sql, values } : { name, text: sql, values }
        );
        outage.succeeded();
        return result;
      } catch (error) {
        throw outage.translate(error);
      }
    },
    release: () => client.release()
  } as PostgresPoolClient;
}

/** Logs an outage once when it starts and once when it ends. */
class OutageLog {
  private down = false;
  constructor(
    private readonly logger: Logger | undefined,
    private readonly target: string
  ) {}

  /** The error to answer for a pg error: a 503 fault for a transient failure. */
  translate(error: unknown): unknown {
    const failure = postgresFailure(error);
    if (failure === 'timeout') return new DatabaseTimeout({ cause: error });
    if (failure === null) return error;
    this.failed(error);
    return new DatabaseUnavailable({ cause: error });
  }

  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger?.warn(
      `database ${this.target} is unavailable: ${reason}; requests get 503 until it answers`
    );
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.logger?.info(`database ${this.target} answers again`);
  }
}
