/**
 * Scenario (e), open race: `wharf serve --workers N` on a brand-new SQLite file starts N
 * processes that open, migrate and warm the same file at the same moment. Each iteration
 * starts 3 processes (open-race-child.ts) on a new file, released within 1.5 ms of each
 * other once they have loaded, while 2 busy loops keep the CPUs taken (CI's machine was
 * busy when a worker stopped with "database is locked"). Every process must open.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowsOf, type ChaosRow, type Scenario } from './report.js';

const ITERATIONS = 30;
const PROCESSES = 3;
const BUSY_LOOPS = 2;
/** Time for a process to load before the start; the start waits for the slowest. */
const LOAD_MS = 1500;
const CHILD = new URL('./open-race-child.js', import.meta.url).pathname;

/** Runs one process; resolves with its output when it exits non-zero, else undefined. */
function openOnce(connection: string, startAt: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, connection, startAt.toFixed(3)]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve(code === 0 ? undefined : out.trim()));
  });
}

/** The open-race scenario. */
export const openRace: Scenario = {
  name: 'open-race',
  async run(log): Promise<ChaosRow[]> {
    const row = rowsOf(`open race, ${PROCESSES} processes, new SQLite file`);
    const loops = Array.from({ length: BUSY_LOOPS }, () =>
      spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' })
    );
    const failures: string[] = [];
    try {
      for (let i = 0; i < ITERATIONS; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'wharf-open-race-'));
        const startAt = Date.now() + LOAD_MS;
        const outcomes = await Promise.all(
          // Deterministic offsets: 0, 0.5, 1.0 ms... shifted by the iteration.
          Array.from({ length: PROCESSES }, (_, k) =>
            openOnce(`sqlite:${join(dir, 'wharf.sqlite')}`, startAt + ((k * 0.5 + i * 0.1) % 1.5))
          )
        );
        for (const failure of outcomes.filter((out) => out !== undefined)) {
          log(`open race, iteration ${i}: ${failure}`);
          failures.push(failure);
        }
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      for (const loop of loops) loop.kill('SIGKILL');
    }
    return [
      row('processes started', ITERATIONS * PROCESSES, '-', null),
      row('processes that could not open', failures.length, '0', failures.length === 0)
    ];
  }
};
