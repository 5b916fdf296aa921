/**
 * Recognising a unique-constraint violation from either backend, so a repository can turn
 * the race "two requests create the same name" into a domain conflict instead of a 500.
 */

/** True when the error is SQLite's or PostgreSQL's unique (or primary key) violation. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  // better-sqlite3 reports extended result codes; pg reports SQLSTATE 23505.
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}
