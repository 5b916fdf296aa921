import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { WORKER_NODE_OPTIONS, workerExecArgv } from '../../../core/server/worker-heap.js';

/**
 * Runs one supervised worker (as `wharf serve` does) under a primary started with
 * `nodeArgs`; the worker prints its exec arguments and stops the primary.
 */
function givenWorkerExecArgv(nodeArgs: string[] = []): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-worker-heap-'));
  try {
    const script = join(dir, 'worker.mjs');
    const url = (path: string) => pathToFileURL(join(import.meta.dirname, path)).href;
    writeFileSync(
      script,
      `import { runWorkers } from ${JSON.stringify(url('../../../core/server/workers.js'))};
import { createLogger } from ${JSON.stringify(url('../../../core/logger.js'))};
await runWorkers(1, async () => {
  process.stdout.write(JSON.stringify(process.execArgv) + '\\n', () => process.kill(process.ppid, 'SIGTERM'));
}, { supervise: true, logger: createLogger({ silent: true }), drainTimeoutMs: 1000 });
`
    );
    const child = spawnSync(process.execPath, [...nodeArgs, script], {
      env: { ...process.env, NODE_OPTIONS: '' },
      encoding: 'utf8',
      timeout: 30_000
    });
    assert.equal(child.error, undefined);
    return JSON.parse(child.stdout.split('\n')[0]!) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('workerExecArgv', () => {
  test('adds the heap sizing and turns the memory reducer off', () => {
    assert.deepEqual(workerExecArgv(['--enable-source-maps']), [
      '--enable-source-maps',
      '--initial-old-space-size=128',
      '--no-memory-reducer'
    ]);
  });

  test("keeps an operator's own choice of each setting", () => {
    const choices: [string[], string[]][] = [
      [['--initial-old-space-size=32'], ['--initial-old-space-size=32', '--no-memory-reducer']],
      [['--initial_heap_size=64'], ['--initial_heap_size=64', '--no-memory-reducer']],
      [['--memory-reducer'], ['--memory-reducer', '--initial-old-space-size=128']],
      [
        ['--no_memory_reducer', '--initial-old-space-size=64'],
        ['--no_memory_reducer', '--initial-old-space-size=64']
      ]
    ];
    for (const [primary, worker] of choices) assert.deepEqual(workerExecArgv(primary), worker);
  });

  test('leaves other heap options alone', () => {
    assert.deepEqual(
      workerExecArgv(['--max-old-space-size=4096', '--memory-reducer-for-small-heaps']),
      ['--max-old-space-size=4096', '--memory-reducer-for-small-heaps', ...WORKER_NODE_OPTIONS]
    );
  });
});

describe('supervised workers', () => {
  test('start with the heap settings', () => {
    assert.deepEqual(givenWorkerExecArgv(), [...WORKER_NODE_OPTIONS]);
  });

  test('start with the heap settings the primary was given instead', () => {
    assert.deepEqual(givenWorkerExecArgv(['--initial-old-space-size=32', '--memory-reducer']), [
      '--initial-old-space-size=32',
      '--memory-reducer'
    ]);
  });
});
