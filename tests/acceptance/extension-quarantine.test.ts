import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestHost } from '../helpers/test-host.js';
import { givenServer, serverAction } from './compute-servers-given.js';
import { ADMIN, givenFaultyHost, loggedLine } from './extension-faults-given.js';

// Long enough for the asserts made while quarantined on a loaded machine.
const COOLDOWN_SECONDS = 3;

let host: TestHost;
let serverId: string;
before(async () => {
  host = await givenFaultyHost({
    'extensions.quarantine_threshold': '3',
    'extensions.quarantine_window': '30',
    'extensions.quarantine_cooldown': String(COOLDOWN_SECONDS)
  });
  serverId = await givenServer(host);
});
after(() => host.close());

const flakyHealth = async (): Promise<Record<string, any>> => {
  const reply = await host.call('GET', '/v2.1/wharf/extensions/faulty-flaky', { token: ADMIN });
  assert.equal(reply.status, 200);
  return reply.body.extension;
};

describe('runtime quarantine', () => {
  test('quarantines an extension after threshold faults, and releases it after the cool-down', async () => {
    const before = await host.call('GET', `/v2.1/servers/${serverId}`);
    assert.equal(before.body.server['faulty-flaky:seen'], true);
    assert.equal((await serverAction(host, serverId, { 'faulty-flaky-poke': null })).status, 202);

    for (let fault = 1; fault <= 3; fault += 1) {
      assert.equal((await host.call('GET', '/v2.1/faulty-flaky')).status, 500);
    }
    const quarantined = await loggedLine(host.lines, (line) =>
      /extension faulty-flaky quarantined/.test(line.message)
    );
    assert.equal(quarantined.extension, 'faulty-flaky');
    assert.equal(quarantined.faults, 3);

    for (const reply of [
      await host.call('GET', '/v2.1/faulty-flaky'),
      await host.call('GET', '/v2.1/faulty-flaky/ok'),
      await serverAction(host, serverId, { 'faulty-flaky-poke': null })
    ]) {
      assert.equal(reply.status, 503);
      assert.equal(reply.body.serviceUnavailable.code, 503);
      const retryAfter = Number(reply.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= COOLDOWN_SECONDS, `Retry-After ${retryAfter}`);
    }
    const skipped = await host.call('GET', `/v2.1/servers/${serverId}`);
    assert.equal(skipped.status, 200);
    assert.equal(skipped.body.server.id, serverId);
    assert.equal('faulty-flaky:seen' in skipped.body.server, false);

    const health = await flakyHealth();
    assert.equal(health.status, 'quarantined');
    assert.equal(health.faults, 3);
    assert.equal(health.quarantines, 1);
    assert.ok(Date.parse(health.quarantined_until) > Date.now() - 1000);

    await loggedLine(
      host.lines,
      (line) => /extension faulty-flaky released/.test(line.message),
      COOLDOWN_SECONDS * 1000 + 5000
    );
    assert.equal((await host.call('GET', '/v2.1/faulty-flaky/ok')).status, 200);
    const after = await host.call('GET', `/v2.1/servers/${serverId}`);
    assert.equal(after.body.server['faulty-flaky:seen'], true);
    const released = await flakyHealth();
    assert.equal(released.status, 'active');
    assert.equal(released.faults, 0);
    assert.equal(released.faults_total, 3);
    assert.equal(released.quarantined_until, null);
  });

  test('does not count what clients get wrong as faults', async () => {
    const reply = await serverAction(host, serverId, { 'faulty-flaky-poke': null, extra: 1 });
    assert.equal(reply.status, 400);
    assert.equal(
      (await host.call('GET', '/v2.1/wharf/extensions/servers', { token: ADMIN })).body.extension
        .faults_total,
      0
    );
  });
});
