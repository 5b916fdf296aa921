/**
 * Conflict resolvers decide what happens when one name in a namespace is declared by more
 * than one source. The default keeps the first (project manifest, then installed packages,
 * then drop-ins) and warns naming both; `errorOnConflict` refuses; `keepAll` keeps every one
 * (hooks want that, and drivers use it to report MultipleMatches).
 */
import { EntryPointConflictError } from '../errors/plugin-errors.js';
import type { Logger } from '../logger.js';
import type { EntryPoint } from './entry-point.js';

/** Chooses which of several same-named entry points to keep (in source order). */
export type ConflictResolver = (candidates: EntryPoint[], logger: Logger) => EntryPoint[];

function describeAll(candidates: EntryPoint[]): string {
  return candidates
    .map((candidate) => `"${candidate.target}" from ${candidate.sourceLabel}`)
    .join(' and ');
}

/** Keeps the first declaration and logs a warning naming every declaration. */
export const keepFirst: ConflictResolver = (candidates, logger) => {
  const [first] = candidates as [EntryPoint, ...EntryPoint[]];
  logger.warn(
    `entry point ${first.namespace}:${first.name} is declared ${candidates.length} times: ` +
      `${describeAll(candidates)}; using the first`
  );
  return [first];
};

/** Refuses any conflict with EntryPointConflictError naming every declaration. */
export const errorOnConflict: ConflictResolver = (candidates) => {
  const [first] = candidates as [EntryPoint, ...EntryPoint[]];
  throw new EntryPointConflictError(
    `entry point ${first.namespace}:${first.name} is declared ${candidates.length} times: ${describeAll(candidates)}`
  );
};

/** Keeps every declaration. */
export const keepAll: ConflictResolver = (candidates) => candidates;

/**
 * Applies a resolver to a namespace's entry points, keeping source order. The logger is
 * asked for only when a name is declared twice (building the default one loads winston).
 */
export function resolveConflicts(
  entryPoints: EntryPoint[],
  resolver: ConflictResolver,
  logger: () => Logger
): EntryPoint[] {
  const byName = new Map<string, EntryPoint[]>();
  for (const entryPoint of entryPoints) {
    const list = byName.get(entryPoint.name);
    if (list) list.push(entryPoint);
    else byName.set(entryPoint.name, [entryPoint]);
  }
  const kept = new Set<EntryPoint>();
  for (const candidates of byName.values()) {
    for (const entryPoint of candidates.length > 1 ? resolver(candidates, logger()) : candidates)
      kept.add(entryPoint);
  }
  return entryPoints.filter((entryPoint) => kept.has(entryPoint));
}
