import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UNEXPECTED_ERROR_MESSAGE } from '../../core/http/faults.js';
import type { TestHost } from '../helpers/test-host.js';
import { givenServer } from './compute-servers-given.js';
import { ADMIN, givenFaultyHost, loggedLine, requestLogLine } from './extension-faults-given.js';

let host: TestHost;
let serverId: string;
before(async () => {
  host = await givenFaultyHost({ 'extensions.quarantine_threshold': '0' });
  serverId = await givenServer(host);
});
after(() => host.close());

const show = (faulty?: string) =>
  host.call('GET', `/v2.1/servers/${serverId}`, {
    ...(faulty ? { headers: { 'X-Faulty': faulty } } : {})
  });

describe('a throwing pre- or post-processor', () => {
  test('lets the base resource answer when it does not throw', async () => {
    const reply = await show();
    assert.equal(reply.status, 200);
    assert.equal(reply.body.server.id, serverId);
  });

  test('answers a 500 computeFault that names nothing internal', async () => {
    for (const faulty of ['post', 'pre']) {
      const reply = await show(faulty);
      assert.equal(reply.status, 500, faulty);
      assert.deepEqual(reply.body, {
        computeFault: { code: 500, message: UNEXPECTED_ERROR_MESSAGE }
      });
      assert.ok(reply.headers.get('x-openstack-request-id'));
    }
  });

  test("names the processor's extension, not servers, in the request log and the error log", async () => {
    for (const [faulty, culprit] of [
      ['post', 'faulty-post'],
      ['pre', 'faulty-pre']
    ] as const) {
      const reply = await show(faulty);
      const requestId = reply.headers.get('x-openstack-request-id');
      const line = await requestLogLine(host.lines, requestId);
      assert.equal(line.status, 500);
      assert.equal(line.extension, culprit);
      const error = host.lines.find(
        (entry) => entry.level === 'error' && entry.requestId === requestId
      );
      assert.equal(error?.extension, culprit);
      assert.match(String(error?.stack), faulty === 'post' ? /TypeError/ : /RangeError/);
    }
  });

  test('answers a body JSON cannot hold with a 500 whose log names every extension that shaped it', async () => {
    const reply = await show('bigint');
    assert.equal(reply.status, 500);
    assert.deepEqual(Object.keys(reply.body), ['computeFault']);
    const requestId = reply.headers.get('x-openstack-request-id');
    const error = host.lines.find(
      (entry) => entry.level === 'error' && entry.requestId === requestId
    );
    assert.match(String(error?.message), /servers.*faulty-post/);
  });

  test('stamps what a processor logs with its extension and the request id', async () => {
    const reply = await show();
    const requestId = reply.headers.get('x-openstack-request-id');
    const line = await loggedLine(
      host.lines,
      (entry) => entry.message === 'faulty-post looked at a server' && entry.requestId === requestId
    );
    assert.equal(line.extension, 'faulty-post');
    assert.equal((await requestLogLine(host.lines, requestId)).extension, 'servers');
  });

  test('counts each fault against the extension that threw', async () => {
    await show('post');
    const reply = await host.call('GET', '/v2.1/wharf/extensions/faulty-post', { token: ADMIN });
    assert.equal(reply.status, 200);
    assert.ok(reply.body.extension.faults > 0);
    assert.equal(reply.body.extension.last_fault.kind, 'error');
    const servers = await host.call('GET', '/v2.1/wharf/extensions/servers', { token: ADMIN });
    assert.equal(servers.body.extension.faults_total, 0);
  });
});

describe('GET /wharf/extensions', () => {
  test('answers 403 forbidden to a caller without the admin role', async () => {
    for (const path of ['/v2.1/wharf/extensions', '/v2.1/wharf/extensions/servers']) {
      const reply = await host.call('GET', path);
      assert.equal(reply.status, 403, path);
      assert.equal(reply.body.forbidden.code, 403);
    }
  });

  test('shows every extension with its status, faults and contributions to an admin', async () => {
    const reply = await host.call('GET', '/v2.1/wharf/extensions', { token: ADMIN });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body.quarantine, { threshold: 0, window: 60, cooldown: 60 });
    const flaky = reply.body.extensions.find(
      (entry: { alias: string }) => entry.alias === 'faulty-flaky'
    );
    assert.deepEqual(Object.keys(flaky).sort(), [
      'alias',
      'contributions',
      'entry_point',
      'faults',
      'faults_total',
      'last_fault',
      'name',
      'quarantined_until',
      'quarantines',
      'status'
    ]);
    assert.equal(flaky.status, 'active');
    assert.deepEqual(flaky.contributions, {
      resources: ['faulty-flaky'],
      actions: ['servers:faulty-flaky-poke'],
      extended_methods: ['servers:show']
    });
  });

  test('answers 404 for an unknown alias', async () => {
    const reply = await host.call('GET', '/v2.1/wharf/extensions/nope', { token: ADMIN });
    assert.equal(reply.status, 404);
  });
});
