/** Runs the compiled `wharf` command line in a child process. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled CLI entry. */
export const CLI = fileURLToPath(new URL('../../core/cli/main.js', import.meta.url));

/** What a command run printed and how it exited. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `wharf ...args` in `cwd` with a private cache folder; never rejects. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {}
): Promise<CliResult> {
  const env = {
    ...process.env,
    XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'wharf-cli-cache-')),
    ...options.env
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      }
    );
  });
}
