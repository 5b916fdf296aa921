/**
 * Database connection strings: `sqlite:PATH` (relative paths resolve against the working
 * directory), `sqlite:///abs/path`, `sqlite::memory:`, or a `postgresql://` / `postgres://`
 * URL handed to the pg driver as is.
 */
import { resolve } from 'node:path';
import { InvalidDatabaseUrl } from '../errors.js';

/** Where a connection string points. */
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly filename: string }
  | { readonly dialect: 'postgres'; readonly url: string };

/** The in-memory SQLite file name. */
export const SQLITE_MEMORY = ':memory:';

/** Parses a connection string; throws `InvalidDatabaseUrl` (COMPUTE_INVALID_DATABASE_URL). */
export function parseConnectionString(connection: string, cwd = process.cwd()): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(connection)) return { dialect: 'postgres', url: connection };
  const match = /^sqlite:(.*)$/i.exec(connection);
  if (!match) throw new InvalidDatabaseUrl(connection);
  const rest = match[1]!;
  if (rest === SQLITE_MEMORY) return { dialect: 'sqlite', filename: SQLITE_MEMORY };
  // sqlite:///abs/path keeps the third slash as the root; sqlite:path stays relative.
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') throw new InvalidDatabaseUrl(connection);
  return { dialect: 'sqlite', filename: resolve(cwd, path) };
}

/** A connection string without its password, for logs and error messages. */
export function redacted(connection: string): string {
  return connection.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
