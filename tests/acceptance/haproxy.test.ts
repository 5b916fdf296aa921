/**
 * The shipped etc/haproxy.cfg, run by Debian's HAProxy in front of two wharf hosts: it
 * health-checks them on /healthcheck, spreads requests over both, and when one host goes
 * away the requests that follow are served by the other with no error. Skipped with the
 * reason when HAProxy is missing, except under CI (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { givenHaproxy, haproxySkip, type Haproxy } from '../helpers/haproxy.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

/** Requests a host served, from its request log. */
function served(host: TestHost): number {
  return host.lines.filter((line) => /GET \/v2\.1\/flavors/.test(String(line.message))).length;
}

describe('etc/haproxy.cfg in front of two hosts', { skip: haproxySkip() }, () => {
  let hosts: TestHost[];
  let haproxy: Haproxy;
  let url: string;

  before(async () => {
    hosts = await Promise.all([givenTestHost(), givenTestHost()]);
    haproxy = await givenHaproxy(hosts[0]!.url, hosts[1]!.url);
    url = haproxy.url;
  });
  after(async () => {
    haproxy?.stop();
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
    assert.ok(served(hosts[0]!) > 0 && served(hosts[1]!) > 0, haproxy.log());
  });

  test('serves every request from the other host once one is gone', async () => {
    await hosts[1]!.close();
    const before = served(hosts[0]!);
    const statuses = await flavors(10);
    assert.deepEqual(new Set(statuses), new Set([200]), haproxy.log());
    assert.equal(served(hosts[0]!) - before, 10);
  });
});
