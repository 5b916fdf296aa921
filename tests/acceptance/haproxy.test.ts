/**
 * The shipped etc/haproxy.cfg, run by Debian's HAProxy in front of two wharf hosts: it
 * health-checks them on /healthcheck, spreads requests over both, and when one host goes
 * away the requests that follow are served by the other with no error. Skipped with the
 * reason when HAProxy is missing, except under CI (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../helpers/free-port.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const HAPROXY = '/usr/sbin/haproxy';
const CONFIG = new URL('../../../etc/haproxy.cfg', import.meta.url).pathname;

function haproxySkip(): string | false {
  try {
    accessSync(HAPROXY, constants.X_OK);
    return false;
  } catch {
    return process.env.CI
      ? false
      : 'HAProxy is not installed (apt-get install haproxy, or run .ci/run)';
  }
}

/** Requests a host served, from its request log. */
function served(host: TestHost): number {
  return host.lines.filter((line) => /GET \/v2\.1\/flavors/.test(String(line.message))).length;
}

describe('etc/haproxy.cfg in front of two hosts', { skip: haproxySkip() }, () => {
  let hosts: TestHost[];
  let haproxy: ChildProcess;
  let url: string;
  let log = '';

  before(async () => {
    hosts = await Promise.all([givenTestHost(), givenTestHost()]);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    haproxy = spawn(HAPROXY, ['-db', '-f', CONFIG], {
      env: {
        ...process.env,
        WHARF_LB_BIND: `127.0.0.1:${port}`,
        WHARF_HOST1: hosts[0]!.url.replace('http://', ''),
        WHARF_HOST2: hosts[1]!.url.replace('http://', '')
      },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    haproxy.stdout!.on('data', (chunk) => (log += chunk));
    haproxy.stderr!.on('data', (chunk) => (log += chunk));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answer = await fetch(`${url}/healthcheck`).catch(() => null);
      if (answer?.status === 200) break;
      if (haproxy.exitCode !== null || Date.now() > deadline)
        assert.fail(`HAProxy did not serve ${url}:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  after(async () => {
    haproxy?.kill('SIGKILL');
    await Promise.all((hosts ?? []).map((host) => host.close().catch(() => undefined)));
  });

  const flavors = async (count: number): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${url}/v2.1/flavors`, { headers: { 'X-Auth-Token': 'alice:demo' } });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    return statuses;
  };

  test('spreads requests over both hosts', async () => {
    const statuses = await flavors(10);
    assert.deepEqual(new Set(statuses), new Set([200]));
    assert.ok(served(hosts[0]!) > 0 && served(hosts[1]!) > 0, log);
  });

  test('serves every request from the other host once one is gone', async () => {
    await hosts[1]!.close();
    const before = served(hosts[0]!);
    const statuses = await flavors(10);
    assert.deepEqual(new Set(statuses), new Set([200]), log);
    assert.equal(served(hosts[0]!) - before, 10);
  });
});
