/**
 * Shadowed entry points: a drop-in package declares a name that an earlier source (the
 * project manifest, which holds the bundled extensions, or an installed package) already
 * declares in the same namespace. The host keeps the earlier one and only warns, so the
 * drop-in's plugin never loads; `wharf check --strict` and `checkExtension` fail on it.
 */
import { dirname } from 'node:path';
import type { EntryPoint, EntryPointCatalog } from '../plugins/index.js';
import type { Problem } from './problem.js';

/** One problem per drop-in entry point that an earlier source's entry point shadows. */
export function shadowedProblems(catalog: EntryPointCatalog): Problem[] {
  const problems: Problem[] = [];
  for (const namespace of catalog.namespaces()) {
    const first = new Map<string, EntryPoint>();
    for (const entryPoint of catalog.list(namespace)) {
      const winner = first.get(entryPoint.name);
      if (!winner) {
        first.set(entryPoint.name, entryPoint);
        continue;
      }
      if (entryPoint.source.kind !== 'dropin' || winner.source.kind === 'dropin') continue;
      problems.push({
        kind: 'shadowed',
        message:
          `entry point ${namespace}:${entryPoint.name} of the drop-in package in ` +
          `${dirname(entryPoint.source.file)} is shadowed by the ${winner.source.kind} one in ` +
          `${dirname(winner.source.file)} ("${winner.target}"); the drop-in's never loads: rename it`,
        extensions: [entryPoint.name]
      });
    }
  }
  return problems;
}
