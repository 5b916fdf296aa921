/**
 * Recognising the PostgreSQL failures that mean "try again later" rather than a bug: the
 * server unreachable, shutting down, restarting or out of connections, a connection cut
 * mid-query, no pool connection within `[database] connect_timeout`, and a statement
 * cancelled by `[database] statement_timeout`. The pool (postgres-pool.ts) turns them into
 * 503 faults; anything else stays an error of the code that ran the query.
 */

/** What kind of transient failure an error is, or null for any other error. */
export type PostgresFailure = 'unavailable' | 'timeout' | null;

// SQLSTATE class 08 is "connection exception"; 57P01-57P03 are the server going away or not
// yet accepting connections; 53300 is too_many_connections.
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
// Node's socket errors, for a server that is down or unreachable.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN'
]);
// pg's and pg-pool's own messages (they carry no code): a connection that ended under a
// query, a client left unusable by it, and a connect or pool wait past connectionTimeoutMillis.
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

/** Classifies an error thrown by pg (a query, a connect, a pool wait). */
export function postgresFailure(error: unknown): PostgresFailure {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  // 57014 query_canceled: the statement ran past statement_timeout.
  if (code === '57014') return 'timeout';
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || SOCKET_CODES.has(code)))
    return 'unavailable';
  if (error instanceof AggregateError && error.errors.some((e) => postgresFailure(e) !== null))
    return 'unavailable';
  return DRIVER_MESSAGES.test(error.message) ? 'unavailable' : null;
}
