import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { alive } from '../unit/server/given.js';

/** The project root: the compiled start script's paths are relative to it. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  scripts: { start: string };
};
const killed: number[] = [];

after(() => {
  for (const pid of killed) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe('npm start', { timeout: 60_000 }, () => {
  test("execs the server from npm's shell, so SIGTERM to what npm started stops it", async () => {
    // npm runs the script through `sh -c`; the build step is skipped (dist/ is already built).
    const script = pkg.scripts.start.replace(/^npm run build && /, '');
    const child = spawn('sh', ['-c', `${script} --host 127.0.0.1 --port 0`], {
      cwd: ROOT,
      env: { ...process.env, WHARF_DATABASE__CONNECTION: 'sqlite::memory:' },
      stdio: ['ignore', 'ignore', 'pipe']
    });
    let log = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const workerPid = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /listening on 127\.0\.0\.1:\d+ \{[^}]*"pid":(\d+)/.exec(log);
        if (match) resolve(Number(match[1]));
        if (match || child.exitCode !== null) clearInterval(timer);
        if (!match && child.exitCode !== null) reject(new Error(`no listening line:\n${log}`));
      }, 20);
    });
    killed.push(workerPid);

    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal(alive(workerPid), false);
  });
});
