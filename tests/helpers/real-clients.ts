/**
 * Runs the real OpenStack command-line clients (Debian's python3-novaclient and
 * python3-openstackclient) against a wharf host, always with `--debug` so that stderr holds
 * the client's own recording of every request and response (see client-recording.ts).
 *
 * The clients are run through /usr/bin/python3: the first `python3` on PATH may be another
 * interpreter (pyenv) that cannot import Debian's packages.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRecording } from './client-recording.js';

/** Where Debian installs the interpreter and the two clients. */
export const REAL_CLIENTS = {
  python: '/usr/bin/python3',
  nova: '/usr/bin/nova',
  openstack: '/usr/bin/openstack'
} as const;

/** How long one client command may run before it is killed. */
export const CLIENT_TIMEOUT_MS = 60_000;

/** What one client command printed and how it ended. */
export interface ClientRun {
  /** The command line, for messages. */
  command: string;
  /** Exit code; -1 when it was killed (see `timedOut`). */
  code: number;
  timedOut: boolean;
  stdout: string;
  /** The client's log, `--debug` included: the request/response recording. */
  stderr: string;
}

/** Runs one command of a client with the given arguments. */
export type Client = (...args: string[]) => Promise<ClientRun>;

/** The client files that are not there. */
export function missingClients(): string[] {
  return Object.values(REAL_CLIENTS).filter((file) => {
    try {
      accessSync(file, constants.R_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * The skip reason for a real-client suite, or false to run it. Under CI the suite always
 * runs: .ci/run installs the clients, so their absence there is a failure (see
 * `requireRealClients`), not a skip.
 */
export function realClientsSkip(): string | false {
  const missing = missingClients();
  if (missing.length === 0 || process.env.CI) return false;
  return (
    `the OpenStack clients are not installed (${missing.join(', ')} missing); ` +
    'apt-get install python3-novaclient python3-openstackclient, or run .ci/run'
  );
}

/** Throws when a client is missing: the suite runs under CI without them. */
export function requireRealClients(): void {
  const missing = missingClients();
  if (missing.length > 0) {
    throw new Error(
      `CI is set but the OpenStack clients are missing (${missing.join(', ')}); ` +
        '.ci/run installs python3-novaclient and python3-openstackclient'
    );
  }
}

/** `nova` against `endpoint` (`http://HOST:PORT/v2.1`), with no keystone. */
export function givenNova(endpoint: string): Client {
  // novaclient reads these only from the environment; the user, project and auth URL are
  // dummies it insists on even with auth type `none`.
  const env = {
    OS_AUTH_TYPE: 'none',
    OS_ENDPOINT: endpoint,
    OS_USERNAME: 'u',
    OS_PROJECT_ID: 'p',
    OS_AUTH_URL: 'http://127.0.0.1:9/unused'
  };
  return givenClient(REAL_CLIENTS.nova, ['--debug'], env);
}

/** `openstack` against `endpoint` (`http://HOST:PORT/v2.1`), with no keystone. */
export function givenOpenstack(endpoint: string): Client {
  return givenClient(
    REAL_CLIENTS.openstack,
    ['--debug', '--os-auth-type', 'none', '--os-endpoint', endpoint],
    {}
  );
}

/**
 * `nova` and `openstack` as a Keystone user: password authentication at `authUrl` (v3),
 * wharf found through the service catalog (region `RegionOne`, public interface).
 */
export function givenPasswordClients(
  authUrl: string,
  user: { username: string; password: string; project: string }
): { nova: Client; openstack: Client } {
  const env = {
    OS_AUTH_URL: authUrl,
    OS_IDENTITY_API_VERSION: '3',
    OS_USERNAME: user.username,
    OS_PASSWORD: user.password,
    OS_PROJECT_NAME: user.project,
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_REGION_NAME: 'RegionOne',
    OS_INTERFACE: 'public'
  };
  return {
    nova: givenClient(REAL_CLIENTS.nova, ['--debug'], env),
    openstack: givenClient(REAL_CLIENTS.openstack, ['--debug'], env)
  };
}

function givenClient(script: string, leading: string[], extraEnv: Record<string, string>): Client {
  // A private HOME and no inherited OS_* variables: nothing from the developer's clouds.yaml
  // or shell reaches the client, and its caches land in a throw-away folder.
  const home = mkdtempSync(join(tmpdir(), 'wharf-client-home-'));
  const env: Record<string, string> = { HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('OS_') || key.startsWith('PYTHON')) continue;
    if (key === 'HOME' || key === 'XDG_CACHE_HOME') continue;
    env[key] = value;
  }
  Object.assign(env, extraEnv);
  return (...args) => run(script, [...leading, ...args], env);
}

function run(script: string, args: string[], env: Record<string, string>): Promise<ClientRun> {
  const command = `${script.split('/').pop()} ${args.filter((a) => a !== '--debug').join(' ')}`;
  return new Promise((resolve) => {
    execFile(
      REAL_CLIENTS.python,
      [script, ...args],
      { env, timeout: CLIENT_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const timedOut = error !== null && (error as { killed?: boolean }).killed === true;
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ command, code, timedOut, stdout, stderr });
      }
    );
  });
}

/** Asserts that the command exited 0 and returns it; the message carries the recording. */
export function assertSucceeded(run: ClientRun): ClientRun {
  assert.ok(run.code === 0, describeRun(run, 'to succeed'));
  return run;
}

/** Asserts that the command exited non-zero (not by time-out) and returns it. */
export function assertFailed(run: ClientRun): ClientRun {
  assert.ok(run.code > 0 && !run.timedOut, describeRun(run, 'to fail'));
  return run;
}

/** Parses the JSON a `-f json` command printed. */
export function jsonOf(run: ClientRun): any {
  assertSucceeded(run);
  try {
    return JSON.parse(run.stdout);
  } catch {
    assert.fail(describeRun(run, 'to print JSON'));
  }
}

/** A failure message: the command, how it ended, its output and the HTTP recording. */
export function describeRun(run: ClientRun, expectation: string): string {
  const ending = run.timedOut ? `was killed after ${CLIENT_TIMEOUT_MS} ms` : `exited ${run.code}`;
  const errors = run.stderr
    .split('\n')
    .filter((line) => /^(ERROR|[A-Za-z.]*(Error|Exception)\b)/.test(line))
    .join('\n');
  return [
    `expected \`${run.command}\` ${expectation}; it ${ending}`,
    `stdout:\n${run.stdout.trim()}`,
    `errors:\n${errors}`,
    `recording:\n${formatRecording(run.stderr)}`
  ].join('\n');
}
