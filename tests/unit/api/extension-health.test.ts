import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExtensionHealth, type QuarantinePolicy } from '../../../core/api/extension-health.js';
import { flushLogs, givenCapturedLogger } from '../../helpers/capture-logger.js';

function givenHealth(policy: Partial<QuarantinePolicy> = {}) {
  const { logger, lines } = givenCapturedLogger();
  const health = new ExtensionHealth(
    { threshold: 3, windowMs: 60_000, cooldownMs: 60_000, ...policy },
    logger
  );
  return { health, lines };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ExtensionHealth', () => {
  test('quarantines at the threshold, with Retry-After the rest of the cool-down', async () => {
    const { health, lines } = givenHealth();
    health.recordFault('a', 'error', 'req-1');
    health.recordFault('a', 'deadline', 'req-2');
    assert.equal(health.isQuarantined('a'), false);
    assert.equal(health.retryAfter('a'), 0);
    health.recordFault('a', 'rejection', 'req-3');
    assert.equal(health.isQuarantined('a'), true);
    assert.equal(health.isQuarantined('b'), false);
    assert.equal(health.retryAfter('a'), 60);
    const view = health.view('a');
    assert.equal(view.status, 'quarantined');
    assert.equal(view.faults, 3);
    assert.equal(view.lastFault?.kind, 'rejection');
    await flushLogs();
    assert.deepEqual(
      lines.map((line) => [line.level, line.extension, line.faults]),
      [
        ['warn', 'a', 1],
        ['warn', 'a', 2],
        ['warn', 'a', 3],
        ['error', 'a', 3]
      ]
    );
    health.close();
  });

  test('counts only the faults within the window', async () => {
    const { health } = givenHealth({ windowMs: 40 });
    health.recordFault('a', 'error', null);
    health.recordFault('a', 'error', null);
    await delay(80);
    health.recordFault('a', 'error', null);
    assert.equal(health.isQuarantined('a'), false);
    assert.equal(health.view('a').faults, 1);
    assert.equal(health.view('a').faultsTotal, 3);
  });

  test('releases after the cool-down with a clean slate, and logs it', async () => {
    const { health, lines } = givenHealth({ threshold: 1, cooldownMs: 30 });
    health.recordFault('a', 'error', null);
    assert.equal(health.isQuarantined('a'), true);
    await delay(100);
    assert.equal(health.isQuarantined('a'), false);
    assert.deepEqual(
      { ...health.view('a'), lastFault: null },
      {
        status: 'active',
        faults: 0,
        faultsTotal: 1,
        quarantines: 1,
        quarantinedUntil: null,
        lastFault: null
      }
    );
    await flushLogs();
    assert.match(lines.at(-1)!.message, /released/);
  });

  test('never quarantines with threshold 0, yet counts', () => {
    const { health } = givenHealth({ threshold: 0 });
    for (let i = 0; i < 10; i += 1) health.recordFault('a', 'error', null);
    assert.equal(health.isQuarantined('a'), false);
    assert.equal(health.view('a').faults, 10);
  });
});
