import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CLI } from '../helpers/run-cli.js';

describe('wharf serve', () => {
  test('listens with the bundled extensions, answers, and exits 0 on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wharf-serve-'));
    const child = spawn(process.execPath, [CLI, 'serve', '--host', '127.0.0.1', '--port', '0'], {
      cwd,
      env: { ...process.env, XDG_CACHE_HOME: join(cwd, 'cache') },
      stdio: ['ignore', 'ignore', 'pipe']
    });
    let log = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no listening line in 20 s:\n${log}`)),
        20_000
      );
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = /osapi_compute listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const reply = await fetch(`${url}/v2.1/`);
    assert.equal(reply.status, 200);
    assert.equal(((await reply.json()) as { version: { id: string } }).version.id, 'v2.1');
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code))
    );
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
