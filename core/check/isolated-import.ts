/**
 * Conformance: a drop-in package's modules import on their own, in a fresh process (see
 * isolated-import-child.ts), not only after the host has loaded everything else. An entry
 * point that already failed to import in the host is not reported a second time.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadFailure } from '../plugins/index.js';
import type { IsolatedImportFailure } from './isolated-import-child.js';
import type { Problem } from './problem.js';

const CHILD = fileURLToPath(new URL('./isolated-import-child.js', import.meta.url));

/**
 * One problem per entry point of the package in `dir` that fails to import in isolation,
 * except those among `hostFailures` (already reported as failing to import in the host).
 */
export function isolatedImportProblems(
  dir: string,
  hostFailures: readonly LoadFailure[]
): Promise<Problem[]> {
  const reported = new Set(
    hostFailures
      .filter((failure) => failure.phase === 'import')
      .map((failure) => `${failure.namespace}:${failure.name} ${failure.source}`)
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CHILD, dir],
      { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let failures: IsolatedImportFailure[];
        try {
          failures = JSON.parse(stdout) as typeof failures;
        } catch {
          const why = error ? `${error.message} ${stderr}` : stdout;
          resolve([
            {
              kind: 'import',
              message: `the package in ${dir} cannot be imported in isolation: ${why.trim()}`,
              extensions: []
            }
          ]);
          return;
        }
        resolve(
          failures
            .filter(
              ({ namespace, name, source }) => !reported.has(`${namespace}:${name} ${source}`)
            )
            .map(({ namespace, name, message }) => ({
              kind: 'import',
              message: `${namespace}:${name} of ${dir} fails to import in a fresh process: ${message}`,
              extensions: [name]
            }))
        );
      }
    );
  });
}
