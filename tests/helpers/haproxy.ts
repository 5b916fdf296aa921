/**
 * Debian's HAProxy running the shipped etc/haproxy.cfg unchanged, in front of the hosts the
 * test started (`WHARF_HOST1`, `WHARF_HOST2`), on a free loopback port. Ready once it
 * answers `/healthcheck` with 200 (at least one host up); killed by `stop` or when the test
 * process exits.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { freePort } from './free-port.js';

const HAPROXY = '/usr/sbin/haproxy';
const CONFIG = new URL('../../../etc/haproxy.cfg', import.meta.url).pathname;

/** A running HAProxy. */
export interface Haproxy {
  /** `http://127.0.0.1:PORT`, the load balancer's address. */
  readonly url: string;
  /** What it printed (alerts, warnings). */
  log(): string;
  /** Kills it. */
  stop(): void;
}

/** The skip reason of a suite needing HAProxy, or false to run it (always under CI). */
export function haproxySkip(): string | false {
  try {
    accessSync(HAPROXY, constants.X_OK);
    return false;
  } catch {
    return process.env.CI
      ? false
      : 'HAProxy is not installed (apt-get install haproxy, or run .ci/run)';
  }
}

/** Starts HAProxy in front of two hosts (`http://127.0.0.1:PORT` each). */
export async function givenHaproxy(host1: string, host2: string): Promise<Haproxy> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(HAPROXY, ['-db', '-f', CONFIG], {
    env: {
      ...process.env,
      WHARF_LB_BIND: `127.0.0.1:${port}`,
      WHARF_HOST1: host1.replace('http://', ''),
      WHARF_HOST2: host2.replace('http://', '')
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let log = '';
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  const stop = () => {
    process.off('exit', stop);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', stop);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await fetch(`${url}/healthcheck`).catch(() => null);
    await answer?.arrayBuffer();
    if (answer?.status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`HAProxy did not serve ${url}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, log: () => log, stop };
}
