/**
 * The compute extensions' options (entry point `wharf.config.options: compute`): where
 * state lives (`[database]`), the compute driver (`[compute]`), nova's default quotas
 * (`[quota]`) and policy overrides (`[policy]`). Read them with `COMPUTE_OPTIONS.of(config)`.
 */
import { defineOptions } from 'wharf';
import type { PostgresPoolOptions } from './db/postgres-pool.js';

/** nova's `[quota]` default for one resource: -1 is unlimited, at most the database's MAX_INT. */
function quotaOption<N extends string>(name: N, defaultValue: number, help: string) {
  return {
    section: 'quota',
    name,
    type: 'int',
    min: -1,
    max: 0x7fffffff,
    default: defaultValue,
    help: `${help} Default quota of every project without its own (\`PUT /os-quota-sets/{project_id}\`); -1 is unlimited.`
  } as const;
}

/** `[database]`, `[compute]`, `[quota]` and `[policy]`. */
export const COMPUTE_OPTIONS = defineOptions(
  'compute',
  [
    {
      section: 'database',
      name: 'connection',
      type: 'string',
      pattern: /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
      patternHelp: '`sqlite:PATH`, `sqlite::memory:` or `postgresql://USER:PASSWORD@HOST:PORT/DB`',
      default: 'sqlite:data/wharf.sqlite',
      help: 'Where state lives: `sqlite:PATH` (relative to the working directory, or absolute), `sqlite::memory:`, or `postgresql://USER:PASSWORD@HOST:PORT/DB` (`postgres://` too).'
    },
    {
      section: 'database',
      name: 'max_pool_size',
      type: 'int',
      min: 1,
      max: 1000,
      default: 10,
      help: "PostgreSQL connections each worker process may hold; a deployment needs hosts x workers x this below the server's `max_connections` (see deployment.md). Unused with SQLite."
    },
    {
      section: 'database',
      name: 'connect_timeout',
      type: 'float',
      min: 0.1,
      max: 300,
      default: 5,
      help: 'Seconds opening a PostgreSQL connection, or waiting for a free one of the pool, may take; past it the request gets 503 with `Retry-After`. Unused with SQLite.'
    },
    {
      section: 'database',
      name: 'statement_timeout',
      type: 'float',
      min: 0,
      max: 3600,
      default: 30,
      help: 'Seconds a PostgreSQL statement may run before the server cancels it and the request gets 503 with `Retry-After`; 0 for no limit. Keep it below `[wsgi] request_deadline`. Unused with SQLite.'
    },
    {
      section: 'database',
      name: 'busy_timeout',
      type: 'float',
      min: 0.01,
      max: 300,
      default: 5,
      help: "Seconds a SQLite statement waits for another connection's write lock (another worker's transaction) before the request gets 503 `COMPUTE_DATABASE_BUSY` with `Retry-After`. Keep it below `[wsgi] request_deadline`. Unused with PostgreSQL."
    },
    {
      section: 'compute',
      name: 'driver',
      type: 'string',
      default: 'fake',
      help: 'The compute driver, by entry point name in `wharf.compute.drivers`.'
    },
    quotaOption('instances', 10, 'Servers a project may have.'),
    quotaOption(
      'cores',
      20,
      "Virtual CPUs (the flavors' `vcpus`) a project's servers may have in all."
    ),
    quotaOption('ram', 51200, "MiB of RAM a project's servers may have in all."),
    quotaOption('key_pairs', 100, 'Key pairs each user may have.'),
    quotaOption('metadata_items', 128, 'Metadata items each server may have.'),
    {
      section: 'quota',
      name: 'max_servers_per_request',
      type: 'int',
      min: 1,
      max: 10000,
      default: 1000,
      help: 'Most servers one create request may boot (`max_count`), whatever the quota; more get 400 before anything is written.'
    },
    {
      section: 'policy',
      name: 'policy_file',
      type: 'path',
      default: '',
      help: 'File of policy rules overriding the built-in defaults; empty uses the defaults only.'
    }
  ],
  {
    sections: {
      quota: "nova's quotas, enforced in the transaction that writes (see [quotas.md](quotas.md))."
    }
  }
);

/** The compute options' typed values in a loaded configuration. */
export type ComputeOptions = ReturnType<typeof COMPUTE_OPTIONS.of>;

/** `[database] busy_timeout` as SQLite takes it, in ms. */
export function busyTimeoutMsOf(database: ComputeOptions['database']): number {
  return Math.round(database.busy_timeout * 1000);
}

/** `[database]`'s pool size and deadlines as the PostgreSQL pool takes them (in ms). */
export function poolOptionsOf(database: ComputeOptions['database']): PostgresPoolOptions {
  return {
    maxPoolSize: database.max_pool_size,
    connectTimeoutMs: Math.round(database.connect_timeout * 1000),
    statementTimeoutMs: Math.round(database.statement_timeout * 1000)
  };
}
