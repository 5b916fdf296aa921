/**
 * A batch create of the largest size wharf allows (`[quota] max_servers_per_request` at its
 * default, quotas unlimited) never holds the event loop: the delay
 * `perf_hooks.monitorEventLoopDelay` sees stays bounded and `/healthcheck` keeps answering
 * while it runs. Before batches were bounded and sliced, `max_count=5000` held
 * the loop (and `/healthcheck`) for 9.4 s on this machine.
 */
import assert from 'node:assert/strict';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../core/index.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { UNLIMITED_SERVERS, createServer } from './compute-servers-given.js';

/** The largest batch: the default of `[quota] max_servers_per_request`. */
const LARGEST_BATCH = loadConfig({ env: {} }).quota.max_servers_per_request;

/**
 * The issue allows the loop held about 50 ms. Measured as the CPU time the process spent
 * between two ticks of a timer: on a machine shared with other work the process also waits,
 * descheduled, for tens or hundreds of milliseconds, which is not this host holding the
 * loop but shows in the wall-clock delay. Process CPU time counts V8's parallel garbage
 * collector threads too, hence the margin (alone, a batch holds at most about 35 ms).
 */
const MAX_HELD_CPU_MS = 150;
/** The wall-clock delay `monitorEventLoopDelay` may see, descheduling included. */
const MAX_LOOP_DELAY_MS = 1000;
/** The slowest `/healthcheck` answer allowed while the work runs. */
const MAX_HEALTHCHECK_MS = 1000;

/** What happened on the event loop while `work` ran. */
interface Observation<T> {
  result: T;
  /** The longest event-loop delay, wall clock (`monitorEventLoopDelay`). */
  maxDelayMs: number;
  /** The most CPU time the process spent between two ticks of a 5 ms timer. */
  maxHeldCpuMs: number;
  healthchecks: number[];
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** Runs `work` while measuring the event loop and probing `/healthcheck` every 20 ms. */
async function observe<T>(host: TestHost, work: () => Promise<T>): Promise<Observation<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let maxHeldCpuMs = 0;
  let last = { wall: performance.now(), cpu: process.cpuUsage() };
  const ticks = setInterval(() => {
    const now = { wall: performance.now(), cpu: process.cpuUsage() };
    const held = Math.min(cpuMs(process.cpuUsage(last.cpu)), now.wall - last.wall);
    maxHeldCpuMs = Math.max(maxHeldCpuMs, held);
    last = now;
  }, 5);
  let done = false;
  const running = work().finally(() => {
    done = true;
  });
  const healthchecks: number[] = [];
  while (!done) {
    const started = performance.now();
    const reply = await fetch(`${host.url}/healthcheck`);
    assert.equal(reply.status, 200);
    await reply.text();
    healthchecks.push(performance.now() - started);
    await sleep(20);
  }
  const result = await running;
  clearInterval(ticks);
  histogram.disable();
  return { result, maxDelayMs: histogram.max / 1e6, maxHeldCpuMs, healthchecks };
}

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
    const { result, maxDelayMs, maxHeldCpuMs, healthchecks } = await observe(host, () =>
      createServer(host, { name: 'batch', max_count: LARGEST_BATCH })
    );
    assert.equal(result.status, 202, result.text);
    const seen = `delay ${maxDelayMs.toFixed(0)} ms, held ${maxHeldCpuMs.toFixed(0)} ms of CPU`;
    assert.ok(maxHeldCpuMs < MAX_HELD_CPU_MS, seen);
    assert.ok(maxDelayMs < MAX_LOOP_DELAY_MS, seen);
    assert.ok(healthchecks.length >= 2, `only ${healthchecks.length} healthchecks answered`);
    const slowest = Math.max(...healthchecks);
    assert.ok(slowest < MAX_HEALTHCHECK_MS, `a healthcheck took ${slowest.toFixed(0)} ms`);
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
