/**
 * A real `wharf serve` process (the compiled CLI) with a temporary wharf.conf: loopback,
 * port 0, SQLite in its own folder unless the settings say otherwise. Ready once it logs
 * `osapi_compute listening on http://...`. The hostile-input and fuzz suites drive one; the
 * chaos run kills, stops and restarts them on the same database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './run-cli.js';

/** wharf.conf settings: section -> option -> value. */
export type ConfSettings = Record<string, Record<string, string>>;

/** How to start the process. */
export interface ServedHostOptions {
  /** Settings merged over the defaults of this helper. */
  conf?: ConfSettings;
  /** The folder of wharf.conf and the SQLite file; reuse one to restart on the same data. */
  dir?: string;
  /** Extra `wharf serve` arguments (`--dropin DIR`, `--workers N`). */
  args?: string[];
  /** Milliseconds to wait for the listening line (default 30 000). */
  startTimeoutMs?: number;
}

/** A running `wharf serve`. */
export interface ServedHost {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** The folder holding wharf.conf and the database. */
  dir: string;
  /** What the process logged (standard error; the last 200 000 characters under load). */
  log(): string;
  /** Resolves with the exit code, or the signal that ended the process. */
  exited: Promise<number | NodeJS.Signals>;
  /** True while the process runs. */
  alive(): boolean;
  /** Sends `signal` (default SIGTERM) and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

const LISTENING = /osapi_compute listening on (http:\/\/127\.0\.0\.1:(\d+))/;
const LOG_TAIL = 200_000;
const started = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The last non-empty line of a log, the one naming why a process stopped. */
function lastLine(log: string): string {
  return log.trim().split('\n').at(-1) ?? '';
}

/** Renders settings as wharf.conf text. */
function confText(settings: ConfSettings): string {
  return Object.entries(settings)
    .map(([section, options]) => {
      const lines = Object.entries(options).map(([name, value]) => `${name} = ${value}`);
      return `[${section}]\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

/** Writes wharf.conf into `dir` (new by default) and starts `wharf serve` on it. */
export async function givenServedHost(options: ServedHostOptions = {}): Promise<ServedHost> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'wharf-served-'));
  const defaults: ConfSettings = {
    // The listening line this helper waits for is logged at info.
    DEFAULT: { log_level: 'info' },
    wsgi: { host: '127.0.0.1', port: '0' },
    database: { connection: `sqlite:${join(dir, 'wharf.sqlite')}` }
  };
  const settings: ConfSettings = { ...defaults };
  for (const [section, values] of Object.entries(options.conf ?? {})) {
    settings[section] = { ...settings[section], ...values };
  }
  const file = join(dir, 'wharf.conf');
  writeFileSync(file, confText(settings));
  const child = spawn(process.execPath, [CLI, 'serve', '--config', file, ...(options.args ?? [])], {
    cwd: dir,
    env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache') },
    stdio: ['ignore', 'ignore', 'pipe']
  });
  started.add(child);
  let log = '';
  let match: RegExpExecArray | null = null;
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    // Under load the request log is long: keep its tail, once the listening line is read.
    log = `${log}${chunk}`;
    match ??= LISTENING.exec(log);
    if (match !== null && log.length > LOG_TAIL) log = log.slice(-LOG_TAIL);
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => {
      started.delete(child);
      resolve(code ?? signal!);
    })
  );
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  while (match === null) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`wharf serve exited before listening: ${lastLine(log)}\n${log}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`wharf serve did not listen within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    child,
    url: match[1]!,
    port: Number(match[2]),
    dir,
    log: () => log,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    }
  };
}
