import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI } from '../helpers/run-cli.js';
import { ADMIN, FAULTY_DROPINS } from './extension-faults-given.js';

interface LogLine {
  message: string;
  [key: string]: unknown;
}

/** `wharf serve` with the faulty drop-ins, its JSON log lines collected. */
function givenServe(): { child: ChildProcess; lines: LogLine[]; url: Promise<string> } {
  const cwd = mkdtempSync(join(tmpdir(), 'wharf-rejections-'));
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--dropin', FAULTY_DROPINS],
    {
      cwd,
      env: {
        ...process.env,
        XDG_CACHE_HOME: join(cwd, 'cache'),
        WHARF_DEFAULT__LOG_FORMAT: 'json'
      },
      stdio: ['ignore', 'ignore', 'pipe']
    }
  );
  const lines: LogLine[] = [];
  let pending = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no listening line in 20 s')), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const text of complete) {
        if (text.trim() === '') continue;
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        const match = /osapi_compute listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line.message);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    });
  });
  return { child, lines, url };
}

async function waitForLine(
  lines: LogLine[],
  predicate: (line: LogLine) => boolean
): Promise<LogLine> {
  const until = Date.now() + 5000;
  for (;;) {
    const line = lines.find(predicate);
    if (line) return line;
    if (Date.now() > until) assert.fail('the expected log line was not written');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const serve = givenServe();
after(() => {
  if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
});

describe('an unhandled promise rejection in an extension', { timeout: 60_000 }, () => {
  test('is logged with the extension and request id, counted as its fault, and the host keeps serving', async () => {
    const url = `${await serve.url}/v2.1`;
    const headers = { 'X-Auth-Token': 'user1:project1' };
    const reply = await fetch(`${url}/faulty-async`, { headers });
    assert.equal(reply.status, 200);
    const requestId = reply.headers.get('x-openstack-request-id');

    const line = await waitForLine(serve.lines, (entry) =>
      /unhandled promise rejection in extension faulty-async/.test(entry.message)
    );
    assert.equal(line.level, 'error');
    assert.equal(line.extension, 'faulty-async');
    assert.equal(line.requestId, requestId);
    assert.equal(line.error, 'rejected with nobody awaiting');

    const health = await fetch(`${url}/wharf/extensions/faulty-async`, {
      headers: { 'X-Auth-Token': ADMIN }
    });
    const { extension } = (await health.json()) as { extension: Record<string, any> };
    assert.equal(extension.faults_total, 1);
    assert.equal(extension.last_fault.kind, 'rejection');

    assert.equal((await fetch(`${url}/extensions`, { headers })).status, 200);
    assert.equal(serve.child.exitCode, null);
    const exited = new Promise<number | null>((resolve) => serve.child.on('exit', resolve));
    serve.child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
