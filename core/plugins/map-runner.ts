/**
 * Calling every extension of a manager, as stevedore's `map` does: no extensions at all is
 * NoMatches; an extension whose call throws is logged and yields nothing, unless the manager
 * propagates map exceptions. The concurrent form keeps each extension's outcome apart.
 */
import { NoMatches } from '../errors/plugin-errors.js';
import type { Logger } from '../logger.js';
import { describe } from './entry-point.js';
import type { Extension } from './extension.js';

/** What a map needs to know of its manager. */
export interface MapContext {
  namespace: string;
  /** How many extensions the manager loaded (zero means NoMatches). */
  loaded: number;
  propagate: boolean;
  logger: Logger;
}

/** The result of one extension in `mapAsync`: its value, or its own error. */
export type MapOutcome<R> =
  { name: string; ok: true; value: R } | { name: string; ok: false; error: unknown };

/** Calls `func` for each extension in order and returns the results of those that did not throw. */
export function runEach<T, R>(
  context: MapContext,
  extensions: readonly Extension<T>[],
  func: (extension: Extension<T>, ...args: unknown[]) => R,
  args: unknown[]
): R[] {
  if (context.loaded === 0) throw new NoMatches(`no ${context.namespace} extensions found`);
  const results: R[] = [];
  for (const extension of extensions) {
    try {
      results.push(func(extension, ...args));
    } catch (error) {
      if (context.propagate) throw error;
      context.logger.error(
        `error calling extension ${context.namespace}:${extension.name}: ${describe(error)}`,
        {
          stack: error instanceof Error ? error.stack : undefined
        }
      );
    }
  }
  return results;
}

/** Runs `func` for every extension concurrently; one outcome per extension, in order. */
export async function runEachAsync<T, R>(
  context: MapContext,
  extensions: readonly Extension<T>[],
  func: (extension: Extension<T>, ...args: unknown[]) => R | Promise<R>,
  args: unknown[]
): Promise<MapOutcome<R>[]> {
  if (context.loaded === 0) throw new NoMatches(`no ${context.namespace} extensions found`);
  const settled = await Promise.allSettled(
    extensions.map(async (extension) => func(extension, ...args))
  );
  const outcomes = settled.map((result, index): MapOutcome<R> => {
    const name = extensions[index]!.name;
    return result.status === 'fulfilled'
      ? { name, ok: true, value: result.value }
      : { name, ok: false, error: result.reason };
  });
  const errors = outcomes.filter((outcome) => !outcome.ok);
  for (const outcome of errors) {
    context.logger.error(
      `error calling extension ${context.namespace}:${outcome.name}: ${describe(outcome.error)}`
    );
  }
  if (errors.length > 0 && context.propagate) {
    throw new AggregateError(
      errors.map((outcome) => outcome.error),
      `${errors.length} ${context.namespace} extension(s) failed: ${errors.map((outcome) => outcome.name).join(', ')}`
    );
  }
  return outcomes;
}
