/**
 * Queries built and compiled once, run many times with new values. A `PreparedQuery` is
 * written as an ordinary Kysely query over named parameters; the first run on a database
 * builds and compiles it with placeholders in place of the values, and every later run
 * only puts the values where the placeholders were and hands the compiled SQL to the
 * driver (whose statement is prepared once too: statement-cache.ts on SQLite, a named
 * statement per connection on PostgreSQL: statement-names.ts). A query whose text depends
 * on its input (how many values an `IN` lists, which filters apply) is a `QueryShapes`:
 * one prepared query per shape, keyed by a short string.
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import { directStatements } from './direct-statements.js';
import type { ComputeTables } from './schema.js';
import type { StatementCache } from './statement-cache.js';
import { nameStatement } from './statement-names.js';

/** The named values of a query. */
export type QueryParameters = Readonly<Record<string, unknown>>;

/** Builds a query from its parameters (placeholders while it is compiled: pass them to Kysely only). */
export type QueryBuild<P extends QueryParameters, R> = (
  db: Kysely<ComputeTables>,
  parameters: P
) => Compilable<R>;

/** Where a named parameter goes while the query is built. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** A query compiled for one dialect: its SQL and, per position, a parameter name or a constant. */
interface Compiled<R> {
  readonly query: CompiledQuery<R>;
  readonly names: readonly (string | undefined)[];
}

/** A query of one shape, compiled once per dialect and run with new parameter values. */
export class PreparedQuery<P extends QueryParameters, R> {
  // Keyed by the dialect's adapter: a transaction shares its database's.
  private readonly compiled = new WeakMap<object, Compiled<R>>();

  constructor(private readonly build: QueryBuild<P, R>) {}

  /**
   * Runs the query with `parameters` on `db` (a database or a transaction); on a SQLite
   * database with no transaction open, at once on its statements (direct-statements.ts).
   */
  run(db: Kysely<ComputeTables>, parameters: P): Promise<QueryResult<R>> {
    const { query, names } = this.compile(db);
    const values = valuesOf(query, names, parameters);
    const statements = directStatements(db);
    if (statements === undefined || statements.inTransaction)
      return db.executeQuery<R>({ ...query, parameters: values });
    try {
      return Promise.resolve(statements.execute<R>(query.sql, values));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * Runs the query now on `statements`, the SQLite connection of `db`, inside a transaction
   * the caller holds (transaction-work.ts).
   */
  runNow(statements: StatementCache, db: Kysely<ComputeTables>, parameters: P): QueryResult<R> {
    const { query, names } = this.compile(db);
    return statements.execute<R>(query.sql, valuesOf(query, names, parameters));
  }

  /** The rows the query answers. */
  async rows(db: Kysely<ComputeTables>, parameters: P): Promise<R[]> {
    return (await this.run(db, parameters)).rows;
  }

  /** The first row the query answers, if any. */
  async first(db: Kysely<ComputeTables>, parameters: P): Promise<R | undefined> {
    return (await this.run(db, parameters)).rows[0];
  }

  /** How many rows the statement changed. */
  async affected(db: Kysely<ComputeTables>, parameters: P): Promise<bigint> {
    return (await this.run(db, parameters)).numAffectedRows ?? 0n;
  }

  private compile(db: Kysely<ComputeTables>): Compiled<R> {
    const adapter = db.getExecutor().adapter;
    let compiled = this.compiled.get(adapter);
    if (compiled === undefined) {
      const placeholders = new Proxy({} as P, {
        get: (_, name) => new Placeholder(String(name))
      });
      const query = this.build(db, placeholders).compile();
      nameStatement(query.sql);
      compiled = {
        query,
        names: query.parameters.map((value) =>
          value instanceof Placeholder ? value.name : undefined
        )
      };
      this.compiled.set(adapter, compiled);
    }
    return compiled;
  }
}

/** The values of a compiled query's positions: each a parameter's value or the constant compiled. */
function valuesOf(
  query: CompiledQuery,
  names: readonly (string | undefined)[],
  parameters: QueryParameters
): unknown[] {
  const values = new Array<unknown>(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    values[i] = name === undefined ? query.parameters[i] : parameters[name];
  }
  return values;
}

/**
 * The prepared queries of a family whose SQL depends on its input, one per shape. Every
 * shape's key must say all that its SQL depends on; at most `limit` shapes are kept (the
 * oldest is dropped first).
 */
export class QueryShapes<S, P extends QueryParameters, R> {
  private readonly queries = new Map<string, PreparedQuery<P, R>>();

  /**
   * @param key the key of a shape
   * @param build the query of a shape
   * @param limit most shapes kept
   */
  constructor(
    private readonly key: (shape: S) => string,
    private readonly build: (shape: S) => QueryBuild<P, R>,
    private readonly limit = 256
  ) {}

  /** The prepared query of `shape`. */
  of(shape: S): PreparedQuery<P, R> {
    const key = this.key(shape);
    let query = this.queries.get(key);
    if (query === undefined) {
      query = new PreparedQuery(this.build(shape));
      if (this.queries.size >= this.limit) this.queries.delete(this.queries.keys().next().value!);
      this.queries.set(key, query);
    }
    return query;
  }
}

/** Adds `values` to `into` as the parameters `prefix0`, `prefix1`, ...; returns `into`. */
export function listParameters(
  prefix: string,
  values: readonly unknown[],
  into: Record<string, unknown> = {}
): Record<string, unknown> {
  for (let i = 0; i < values.length; i++) into[`${prefix}${i}`] = values[i];
  return into;
}

/** While a shape is built: the placeholders of `count` parameters `prefix0`, `prefix1`, ... */
export function listPlaceholders<T>(
  prefix: string,
  count: number,
  parameters: QueryParameters
): T[] {
  return Array.from({ length: count }, (_, i) => parameters[`${prefix}${i}`] as T);
}
