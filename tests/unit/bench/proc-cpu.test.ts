/**
 * A benchmark server's CPU time from /proc (bench/harness/proc-cpu.ts): the whole process,
 * and the part its threads other than the main one used.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { cpuMs, helperThreadsCpuMs } from '../../../bench/harness/proc-cpu.js';

const LINUX = process.platform === 'linux';

/** Keeps the calling thread busy for `ms` milliseconds of wall time. */
function spin(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe('helperThreadsCpuMs', { skip: !LINUX && 'needs /proc' }, () => {
  test("counts a thread's busy time and not the main thread's", async () => {
    const worker = new Worker(
      'const end = Date.now() + 400; while (Date.now() < end); require("node:worker_threads").parentPort.postMessage(1);',
      { eval: true }
    );
    const before = helperThreadsCpuMs(process.pid)!;
    await new Promise((resolve) => worker.once('message', resolve));
    const afterWorker = helperThreadsCpuMs(process.pid)!;
    await worker.terminate();
    // 400 ms of a busy worker thread: at least a quarter of it, on a busy machine.
    assert.ok(afterWorker - before >= 100, `worker counted ${afterWorker - before} ms`);

    const mainBefore = cpuMs(process.pid)!;
    const helpersBefore = helperThreadsCpuMs(process.pid)!;
    spin(300);
    const mainSpent = cpuMs(process.pid)! - mainBefore;
    const helpersSpent = helperThreadsCpuMs(process.pid)! - helpersBefore;
    assert.ok(mainSpent >= 100, `process counted ${mainSpent} ms`);
    assert.ok(helpersSpent < mainSpent / 2, `helpers counted ${helpersSpent} of ${mainSpent} ms`);
  });

  test('is null for a process that is not there', () => {
    assert.equal(helperThreadsCpuMs(undefined), null);
    assert.equal(helperThreadsCpuMs(2 ** 22 + 12345), null);
  });
});
