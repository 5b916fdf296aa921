import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { CLI } from '../helpers/run-cli.js';

const CONFIG = fileURLToPath(new URL('../fixtures/two-apis/wharf.conf', import.meta.url));

describe('wharf serve with two APIs', () => {
  test('serves each enabled API on its own port from one configuration', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wharf-two-apis-'));
    const child = spawn(process.execPath, [CLI, 'serve', '--config', CONFIG], {
      cwd,
      env: { ...process.env, XDG_CACHE_HOME: join(cwd, 'cache') },
      stdio: ['ignore', 'ignore', 'pipe']
    });
    let log = '';
    const urls = await new Promise<Record<string, string>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`both APIs did not listen in 20 s:\n${log}`)),
        20_000
      );
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const found = Object.fromEntries(
          [...log.matchAll(/(\w+) listening on (http:\/\/127\.0\.0\.1:\d+)/g)].map((match) => [
            match[1],
            match[2]
          ])
        );
        if (found.osapi_compute && found.health_api) {
          clearTimeout(timer);
          resolve(found as Record<string, string>);
        }
      });
    });
    assert.notEqual(urls.osapi_compute, urls.health_api);
    const versions = (await (await fetch(`${urls.osapi_compute}/`)).json()) as {
      versions: { id: string }[];
    };
    assert.equal(versions.versions[0]!.id, 'v2.1');
    assert.equal(await (await fetch(`${urls.health_api}/healthcheck`)).text(), 'OK');
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code))
    );
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
