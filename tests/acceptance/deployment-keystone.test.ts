/**
 * wharf hosts on one real Keystone (Debian's, tests/helpers/keystone-server.ts), as
 * docs/deployment.md's several hosts run: `wharf serve` processes with `[api] auth_strategy =
 * keystone`. A token one host accepts, the other accepts too. Keystone is killed and served
 * again under them: a token not validated yet gets a 503 fault with `Retry-After` (never a
 * 500, never a hang), one validated before the outage keeps working until its cache entry
 * expires, the outage is logged once, and the hosts validate again by themselves once
 * Keystone is back. Skipped with the reason when Keystone
 * is missing, except under CI (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { faultProblem } from '../helpers/fault-shape.js';
import { freePort } from '../helpers/free-port.js';
import {
  authtokenSettings,
  givenKeystone,
  keystoneSkip,
  type KeystoneServer
} from '../helpers/keystone-server.js';
import { givenServedHost, type ConfSettings, type ServedHost } from '../helpers/served-host.js';

/** `[keystone_authtoken] token_cache_time` of the hosts, in seconds. */
const CACHE_SECONDS = 10;
/**
 * `[keystone_authtoken] http_connect_timeout` of the hosts, in seconds. A killed Keystone
 * refuses connections at once, so the outage does not wait for it; a live one may take
 * seconds on a busy machine for a host's first exchange (the service user's password hash,
 * then the validation), and 2 s made that first request a 503 in 2 of 8 runs.
 */
const KEYSTONE_TIMEOUT_SECONDS = 10;
const UNAVAILABLE = /Keystone at \S+ is unavailable: /g;
const ANSWERS_AGAIN = /Keystone at \S+ answers again/g;

/** `GET /v2.1/servers` with `token`: status, headers and body text; a hang fails the test. */
async function listServers(
  host: ServedHost,
  token: string
): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${host.url}/v2.1/servers`, {
    headers: { 'X-Auth-Token': token },
    // Well past the filter's own bound on Keystone (http_connect_timeout).
    signal: AbortSignal.timeout(KEYSTONE_TIMEOUT_SECONDS * 1000 + 15_000)
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Sends `token` until `host` answers `until`, failing on any status but `until` and `meanwhile`. */
async function waitForStatus(
  host: ServedHost,
  token: string,
  meanwhile: number,
  until: number,
  withinMs: number
): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const { status, text } = await listServers(host, token);
    if (status === until) return;
    assert.equal(status, meanwhile, text);
    assert.ok(Date.now() < deadline, `${host.url} did not answer ${until} within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The lines of the host's log about Keystone: why a failing assertion failed. */
function keystoneLog(host: ServedHost): string {
  return host
    .log()
    .split('\n')
    .filter((line) => line.includes('Keystone at'))
    .join('\n');
}

/** How many lines of the host's log match `pattern`. */
function logged(host: ServedHost, pattern: RegExp): number {
  return [...host.log().matchAll(pattern)].length;
}

describe('wharf hosts on one Keystone', { skip: keystoneSkip() }, () => {
  let keystone: KeystoneServer;
  let hosts: ServedHost[] = [];

  before(async () => {
    // The hosts first: Keystone's catalog names wharf, and a host asks Keystone only on its
    // first request.
    const port = await freePort();
    const conf: ConfSettings = {
      api: { auth_strategy: 'keystone' },
      keystone_authtoken: {
        ...authtokenSettings(`http://127.0.0.1:${port}/v3`),
        token_cache_time: String(CACHE_SECONDS),
        http_connect_timeout: String(KEYSTONE_TIMEOUT_SECONDS)
      }
    };
    hosts = await Promise.all([givenServedHost({ conf }), givenServedHost({ conf })]);
    keystone = await givenKeystone(port, `${hosts[0]!.url}/v2.1`);
  });
  after(async () => {
    await Promise.all(hosts.map((host) => host.stop('SIGKILL')));
    await keystone?.remove();
  });

  test('a Keystone token accepted by one host is accepted by the other', async () => {
    const token = await keystone.token('demo');
    for (const host of hosts) {
      const { status, text } = await listServers(host, token);
      assert.equal(status, 200, `${text}\n${keystoneLog(host)}`);
    }
    for (const host of hosts) {
      const { status, headers } = await listServers(host, 'not-a-keystone-token');
      assert.equal(status, 401);
      assert.equal(headers.get('www-authenticate'), `Keystone uri="${keystone.url}"`);
    }
  });

  test('Keystone killed: 503 for new tokens, cached ones until they expire; back: recovered', async () => {
    const cached = await keystone.token('demo');
    for (const host of hosts) {
      assert.equal((await listServers(host, cached)).status, 200, keystoneLog(host));
    }
    const fresh = await keystone.token('demo');

    await keystone.stop();
    for (const host of hosts) {
      const { status, text } = await listServers(host, cached);
      assert.equal(status, 200, `a token validated before the outage: ${text}`);
    }
    for (const host of hosts) {
      for (let i = 0; i < 3; i++) {
        const { status, headers, text } = await listServers(host, fresh);
        assert.equal(status, 503, text);
        assert.equal(faultProblem(status, text), null);
        assert.equal(headers.get('retry-after'), '5');
      }
    }
    // The cached validation expires; then that token meets the outage too.
    for (const host of hosts)
      await waitForStatus(host, cached, 200, 503, CACHE_SECONDS * 1000 + 15_000);
    for (const host of hosts)
      assert.equal(logged(host, UNAVAILABLE), 1, 'the outage is logged once');

    await keystone.start();
    for (const host of hosts) await waitForStatus(host, fresh, 503, 200, 30_000);
    for (const host of hosts) {
      assert.equal((await listServers(host, cached)).status, 200, keystoneLog(host));
      assert.equal(logged(host, UNAVAILABLE), 1);
      assert.equal(logged(host, ANSWERS_AGAIN), 1, 'the end of the outage is logged once');
    }
  });
});
