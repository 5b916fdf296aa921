/**
 * What `wharf check` finds wrong in its inputs before anything loads: a drop-in folder that
 * is missing, unreadable or a file, and an `[extensions] enabled` / `disabled` alias that no
 * extension has (a typo there silently enables or disables nothing).
 */
import { readdirSync, statSync } from 'node:fs';
import type { APIRouter } from '../api/api-router.js';
import type { WharfConfig } from '../server/config.js';
import type { Problem } from './problem.js';

/** One problem per drop-in folder that cannot serve as one. */
export function dropinFolderProblems(dirs: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const dir of dirs) {
    const problem = dropinFolderProblem(dir);
    if (problem) problems.push({ kind: 'dropin', message: problem, extensions: [] });
  }
  return problems;
}

function dropinFolderProblem(dir: string): string | null {
  try {
    if (!statSync(dir).isDirectory()) return `drop-in folder ${dir} is a file, not a folder`;
    readdirSync(dir);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `drop-in folder ${dir} does not exist`
      : `drop-in folder ${dir} cannot be read (${code ?? String(error)})`;
  }
}

/** One problem per alias of `[extensions] enabled` or `disabled` that no extension has. */
export function unknownAliasProblems(router: APIRouter, config: WharfConfig): Problem[] {
  const known = new Set(
    [...router.items().map(([, extension]) => extension), ...router.disabled].map(
      (extension) => extension.obj!.alias
    )
  );
  const problems: Problem[] = [];
  for (const option of ['enabled', 'disabled'] as const) {
    for (const alias of config.extensions[option]) {
      if (known.has(alias)) continue;
      problems.push({
        kind: 'unknown-alias',
        message: `[extensions] ${option} names "${alias}", which no API extension has as its alias`,
        extensions: [alias]
      });
    }
  }
  return problems;
}
