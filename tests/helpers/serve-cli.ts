/**
 * Runs the compiled `wharf serve` in a child process from a fresh temporary folder (its
 * SQLite database and entry-point cache land there), for the acceptance tests that need the
 * real command: signals, workers, start-up failures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './run-cli.js';

/** A running `wharf serve`. */
export interface WharfServe {
  child: ChildProcess;
  /** The folder it runs in. */
  cwd: string;
  /** Everything it wrote to stderr so far (its log). */
  log(): string;
  /** Resolves with the first `<api> listening on URL` URL (at most 30 s). */
  listening(api?: string): Promise<string>;
  /** Resolves once the log matches `pattern` (at most 30 s). */
  logged(pattern: RegExp): Promise<void>;
  /** Its exit code, or the signal that killed it. */
  exited: Promise<number | NodeJS.Signals>;
}

/** How to run it: extra environment, its folder, and the user it runs as. */
export interface WharfServeOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Run as this user and group (the caller must be root); its fresh folder is theirs. */
  user?: { uid: number; gid: number };
}

/** Spawns `wharf serve --host 127.0.0.1 --port 0 ...args`; kill it in `after` if a test fails. */
export function givenWharfServe(args: string[] = [], options: WharfServeOptions = {}): WharfServe {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'wharf-serve-'));
  if (options.user) chownSync(cwd, options.user.uid, options.user.gid);
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', ...args],
    {
      cwd,
      env: { ...process.env, XDG_CACHE_HOME: join(cwd, 'cache'), ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
      ...options.user
    }
  );
  return watchWharfServe(child, cwd);
}

/**
 * Watches a `wharf serve` started otherwise (by a shell, say) whose stderr is piped: its
 * log, its listening lines and its exit.
 */
export function watchWharfServe(child: ChildProcess, cwd: string): WharfServe {
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal!))
  );
  const waitFor = async <T>(find: () => T | undefined, what: string): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (child.exitCode !== null) throw new Error(`wharf serve exited before ${what}:\n${log}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within 30 s:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    child,
    cwd,
    exited,
    log: () => log,
    listening: (api = 'osapi_compute') =>
      waitFor(
        () => new RegExp(`${api} listening on (http://127\\.0\\.0\\.1:\\d+)`).exec(log)?.[1],
        `${api} listening line`
      ),
    logged: async (pattern) => {
      await waitFor(() => (pattern.test(log) ? true : undefined), `log line matching ${pattern}`);
    }
  };
}
