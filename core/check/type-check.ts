/**
 * Conformance: a drop-in package with a `tsconfig.json` passes the type check (`tsc --noEmit
 * -p DIR`), with the package's own TypeScript or else the host's. A plain JavaScript package
 * (no tsconfig.json) has nothing to check.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Problem } from './problem.js';

/** How many compiler diagnostics a report quotes. */
const QUOTED = 10;

/** The type-check problems of the package in `dir` (none when it has no tsconfig.json). */
export async function typeCheckProblems(dir: string): Promise<Problem[]> {
  if (!existsSync(join(dir, 'tsconfig.json'))) return [];
  const tsc = compilerFor(dir);
  if (tsc === null) {
    return [
      {
        kind: 'type-check',
        message: `${join(dir, 'tsconfig.json')} exists but no TypeScript compiler is installed, in the package or the host`,
        extensions: []
      }
    ];
  }
  const output = await new Promise<string | null>((resolve) => {
    execFile(
      process.execPath,
      [tsc, '--noEmit', '--pretty', 'false', '-p', dir],
      { cwd: dir, timeout: 120_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve(error ? `${stdout}${stderr}`.trim() || error.message : null)
    );
  });
  if (output === null) return [];
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const more = lines.length > QUOTED ? ` (and ${lines.length - QUOTED} more lines)` : '';
  return [
    {
      kind: 'type-check',
      message: `tsc --noEmit -p ${dir} fails: ${lines.slice(0, QUOTED).join(' | ')}${more}`,
      extensions: []
    }
  ];
}

function compilerFor(dir: string): string | null {
  for (const from of [join(dir, 'package.json'), import.meta.url]) {
    try {
      return createRequire(from).resolve('typescript/bin/tsc');
    } catch {
      // not installed there; try the next
    }
  }
  return null;
}
