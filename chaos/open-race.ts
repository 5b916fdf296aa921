/**
 * Scenario (e), open race: `wharf serve --workers N` on a brand-new SQLite file starts N
 * processes that open, migrate and warm the same file at the same moment. Here 3 processes
 * (open-race-child.ts) do it on 120 new files, one every 250 ms, the processes released
 * together or up to 0.36 ms apart (swept over ten files), while 2 busy loops keep the CPUs taken (CI's machine was
 * busy when a worker stopped with "database is locked"). Every open must succeed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowsOf, type ChaosRow, type Scenario } from './report.js';

const FILES = 120;
const PROCESSES = 3;
const BUSY_LOOPS = 2;
/** Time for the processes to load before the first file; the start waits for the slowest. */
const LOAD_MS = 3000;
/** Between one file's start and the next: more than an open, migration and warm-up take. */
const PERIOD_MS = 250;
const CHILD = new URL('./open-race-child.js', import.meta.url).pathname;

/** Runs one process of the race; resolves with the lines of the files it could not open. */
function racer(dir: string, startAt: number, stepMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    const args = [dir, FILES, startAt.toFixed(3), PERIOD_MS, stepMs].map(String);
    const child = spawn(process.execPath, [CHILD, ...args]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => {
      const lines = out.split('\n').filter((line) => line.trim() !== '');
      resolve(code === 0 ? lines : [...lines, `process exited ${code}`]);
    });
  });
}

/** The open-race scenario. */
export const openRace: Scenario = {
  name: 'open-race',
  async run(log): Promise<ChaosRow[]> {
    const row = rowsOf(`open race, ${PROCESSES} processes, new SQLite files`);
    const dir = mkdtempSync(join(tmpdir(), 'wharf-open-race-'));
    const loops = Array.from({ length: BUSY_LOOPS }, () =>
      spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' })
    );
    try {
      const startAt = Date.now() + LOAD_MS;
      const failures = (
        await Promise.all(
          Array.from({ length: PROCESSES }, (_, k) => racer(dir, startAt, k * 0.02))
        )
      ).flat();
      for (const failure of failures) log(`open race: ${failure}`);
      return [
        row('opens', FILES * PROCESSES, '-', null),
        row('opens that failed', failures.length, '0', failures.length === 0)
      ];
    } finally {
      for (const loop of loops) loop.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }
};
