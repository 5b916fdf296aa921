/**
 * A batch create of the largest size wharf allows (`[quota] max_servers_per_request` at its
 * default, quotas unlimited) never holds the event loop: the delay
 * `perf_hooks.monitorEventLoopDelay` sees stays bounded and `/healthcheck` keeps answering
 * while it runs. Before batches were bounded and sliced, `max_count=5000` held
 * the loop (and `/healthcheck`) for 9.4 s on this machine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../core/host.js';
import { COMPUTE_OPTIONS } from '../../extensions/compute/options.js';
import { assertLoopNeverHeld, observeEventLoop } from '../helpers/event-loop-observer.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { UNLIMITED_SERVERS, createServer } from './compute-servers-given.js';

/** The largest batch: the default of `[quota] max_servers_per_request`. */
const LARGEST_BATCH = COMPUTE_OPTIONS.of(loadConfig({ env: {} })).quota.max_servers_per_request;

describe('a batch create of the largest allowed size', () => {
  let host: TestHost;
  before(async () => {
    host = await givenTestHost(UNLIMITED_SERVERS);
    // The first compute request opens and migrates the database; that is start-up, not
    // the batch, so it happens before anything is measured.
    assert.equal((await host.call('GET', '/v2.1/flavors')).status, 200);
  });
  after(() => host.close());

  test('never holds the event loop, and /healthcheck answers during it', async () => {
    const observation = await observeEventLoop(host, () =>
      createServer(host, { name: 'batch', max_count: LARGEST_BATCH })
    );
    assert.equal(observation.result.status, 202, observation.result.text);
    assertLoopNeverHeld(observation);
    const listed = await host.call('GET', '/v2.1/servers?limit=1000');
    assert.equal(listed.body.servers.length, LARGEST_BATCH);
  });

  test('refuses one more than the largest batch with 400 before writing anything', async () => {
    const reply = await createServer(host, { name: 'over', max_count: LARGEST_BATCH + 1 });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.badRequest.code, 400);
    const listed = await host.call('GET', '/v2.1/servers?name=^over');
    assert.deepEqual(listed.body.servers, []);
  });
});
