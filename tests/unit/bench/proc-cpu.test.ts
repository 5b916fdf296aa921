/**
 * A benchmark server's CPU time from /proc (bench/harness/proc-cpu.ts): the whole process,
 * and the part its threads other than the main one used.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { cpuMs, helperThreadsCpuMs } from '../../../bench/harness/proc-cpu.js';

const LINUX = process.platform === 'linux';

/**
 * Keeps the calling thread busy until `used()` has grown by `ms` milliseconds of CPU (on a
 * loaded machine a thread gets only part of the wall time it spins), or until 20 s passed.
 */
function spinFor(ms: number, used: () => number): void {
  const start = used();
  const deadline = Date.now() + 20_000;
  while (used() - start < ms && Date.now() < deadline);
}

describe('helperThreadsCpuMs', { skip: !LINUX && 'needs /proc' }, () => {
  test("counts a thread's busy time and not the main thread's", async () => {
    const worker = new Worker(
      // Spins until the process has used 300 ms more CPU (the main thread waits meanwhile).
      `const cpu = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
       const start = cpu(); const deadline = Date.now() + 20000;
       while (cpu() - start < 300 && Date.now() < deadline);
       require('node:worker_threads').parentPort.postMessage(1);`,
      { eval: true }
    );
    const before = helperThreadsCpuMs(process.pid)!;
    await new Promise((resolve) => worker.once('message', resolve));
    const afterWorker = helperThreadsCpuMs(process.pid)!;
    await worker.terminate();
    // 300 ms of the process's CPU, nearly all the worker's.
    assert.ok(afterWorker - before >= 200, `worker counted ${afterWorker - before} ms`);

    const mainBefore = cpuMs(process.pid)!;
    const helpersBefore = helperThreadsCpuMs(process.pid)!;
    spinFor(200, () => cpuMs(process.pid)!);
    const mainSpent = cpuMs(process.pid)! - mainBefore;
    const helpersSpent = helperThreadsCpuMs(process.pid)! - helpersBefore;
    assert.ok(mainSpent >= 200, `process counted ${mainSpent} ms`);
    assert.ok(helpersSpent < mainSpent / 2, `helpers counted ${helpersSpent} of ${mainSpent} ms`);
  });

  test('is null for a process that is not there', () => {
    assert.equal(helperThreadsCpuMs(undefined), null);
    assert.equal(helperThreadsCpuMs(2 ** 22 + 12345), null);
  });
});
