/**
 * A package made by `wharf new extension` in a temporary folder and installed without the
 * registry: the host's own TypeScript and Node types are linked into its node_modules (the
 * template asks for the versions the host itself depends on), then `npm install --offline`
 * has only `wharf` left to add, a link to the host from its `file:` spec.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI } from './run-cli.js';

const require = createRequire(import.meta.url);

/** What a command printed (stdout and stderr together) and its exit code. */
export interface RunResult {
  code: number;
  output: string;
}

/**
 * Runs a command in `cwd` with `extraEnv` (at most two minutes); never rejects. The test runner's own
 * NODE_TEST_CONTEXT is dropped so that a package's `node --test` runs its tests.
 */
export function run(
  command: string,
  args: string[],
  cwd: string,
  extraEnv: Readonly<Record<string, string>> = {}
): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CACHE_HOME: join(cwd, '.cache'),
    ...extraEnv
  };
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Links the host's TypeScript and Node types into `dir`/node_modules. */
export function linkHostDevTools(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  for (const name of ['typescript', '@types/node']) {
    symlinkSync(dirname(require.resolve(`${name}/package.json`)), join(dir, 'node_modules', name));
  }
}

/** `wharf new extension NAME` in a fresh temporary folder, installed offline; its folder. */
export async function givenInstalledPackage(name: string): Promise<string> {
  const parent = mkdtempSync(join(tmpdir(), 'wharf-new-extension-'));
  const created = await run(process.execPath, [CLI, 'new', 'extension', name], parent);
  if (created.code !== 0) throw new Error(`wharf new extension failed:\n${created.output}`);
  const dir = join(parent, name);
  linkHostDevTools(dir);
  const installed = await run('npm', ['install', '--offline', '--no-audit', '--no-fund'], dir);
  if (installed.code !== 0) throw new Error(`npm install --offline failed:\n${installed.output}`);
  return dir;
}
