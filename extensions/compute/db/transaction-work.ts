/**
 * A transaction's body written once for every backend: a generator that yields the
 * prepared queries it runs (`(yield* statement(QUERY, parameters)).rows`) and answers its
 * result. `inTransaction` runs it:
 *
 * - on SQLite with no transaction open on the connection, synchronously between
 *   `BEGIN IMMEDIATE` and `COMMIT` on the statement cache, in one go of the event loop: no
 *   Kysely transaction, connection mutex or promise per statement (what a create's five
 *   short statements cost most of). While another transaction holds the connection, the
 *   body waits for Kysely's connection, then runs the same way.
 * - on PostgreSQL (or SQLite opened without direct statements) in a Kysely transaction,
 *   one awaited statement after another, exactly as before.
 *
 * A body that gives the event loop turns (`yield* turn(slice)`, a large batch) is run with
 * `turns`, in a Kysely transaction: a synchronous one cannot let anything in, and skips them.
 */
import type { Kysely, QueryResult } from 'kysely';
import type { TimeSlice } from '../event-loop-turns.js';
import type { ComputeDatabase } from './database.js';
import { directStatements } from './direct-statements.js';
import type { PreparedQuery, QueryParameters } from './prepared-query.js';
import type { ComputeTables } from './schema.js';
import type { StatementCache } from './statement-cache.js';

/** What a body asks its runner for: a statement's result, or a turn of the event loop. */
export type Step =
  | {
      readonly query: PreparedQuery<QueryParameters, unknown>;
      readonly parameters: QueryParameters;
    }
  | { readonly slice: TimeSlice };

/** A transaction's body, or a part of one (`yield*` it), answering `T`. */
export type Work<T> = Generator<Step, T, QueryResult<unknown> | undefined>;

/**
 * A check a write runs inside its transaction, before the rows are written (a quota);
 * throwing rolls the write back.
 */
export type WorkGuard = () => Work<void>;

/** Runs `query` with `parameters` in a body; answers its result. */
export function* statement<P extends QueryParameters, R>(
  query: PreparedQuery<P, R>,
  parameters: P
): Work<QueryResult<R>> {
  return (yield {
    query: query as unknown as PreparedQuery<QueryParameters, unknown>,
    parameters
  }) as QueryResult<R>;
}

/** Gives the event loop a turn when `slice` is used up (only in a body run with `turns`). */
export function* turn(slice: TimeSlice): Work<void> {
  yield { slice };
}

/** Options of `inTransaction`. */
export interface TransactionOptions {
  /** The body gives the event loop turns: run it in a Kysely transaction. Default false. */
  readonly turns?: boolean;
}

/** Runs the body `work` makes in one transaction of `database`; all or none of it applies. */
export async function inTransaction<T>(
  database: ComputeDatabase,
  work: () => Work<T>,
  options: TransactionOptions = {}
): Promise<T> {
  const { db } = database;
  const statements = options.turns ? undefined : directStatements(db);
  if (statements === undefined) return db.transaction().execute((trx) => perform(trx, work()));
  if (!statements.inTransaction) return runNow(statements, db, work());
  // Another request's transaction holds the connection: wait for it, then run.
  return db.connection().execute(async () => runNow(statements, db, work()));
}

/** Runs `work` statement by statement on `db` (a transaction, or a database outside one). */
export async function perform<T>(db: Kysely<ComputeTables>, work: Work<T>): Promise<T> {
  let next = work.next();
  while (!next.done) {
    const step = next.value;
    if ('slice' in step) {
      await step.slice.turn();
      next = work.next(undefined);
    } else {
      next = work.next(await step.query.run(db, step.parameters));
    }
  }
  return next.value;
}

/** Runs `work` synchronously in a `BEGIN IMMEDIATE` transaction of `statements` (no turns). */
function runNow<T>(statements: StatementCache, db: Kysely<ComputeTables>, work: Work<T>): T {
  statements.execute('begin immediate', []);
  try {
    let next = work.next();
    while (!next.done) {
      const step = next.value;
      next = work.next(
        'slice' in step ? undefined : step.query.runNow(statements, db, step.parameters)
      );
    }
    statements.execute('commit', []);
    return next.value;
  } catch (error) {
    if (statements.inTransaction) statements.execute('rollback', []);
    throw error;
  }
}
