import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { givenWharfServe, type WharfServe } from '../helpers/serve-cli.js';

const spawned: WharfServe[] = [];

/** Starts `wharf serve` with `args`, killed after the suite if it is still running. */
function givenServe(args: string[]): WharfServe {
  const serve = givenWharfServe(args);
  spawned.push(serve);
  return serve;
}

after(() => {
  for (const { child } of spawned) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('wharf serve --workers: start-up failures', { timeout: 60_000 }, () => {
  test('exits 2 naming the address when the port is in use, as with one worker', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = String((taken.address() as { port: number }).port);
    try {
      const one = givenServe(['--port', port, '--workers', '1']);
      const two = givenServe(['--port', port, '--workers', '2']);
      assert.equal(await one.exited, 2);
      assert.equal(await two.exited, 2);
      for (const serve of [one, two]) {
        assert.match(serve.log(), new RegExp(`127\\.0\\.0\\.1:${port}.*\\[WHARF_LISTEN_FAILED\\]`));
      }
    } finally {
      taken.close();
    }
  });

  test('exits 2 naming the manifest when it is invalid', async () => {
    const manifest = join(mkdtempSync(join(tmpdir(), 'wharf-manifest-')), 'bad-manifest.json');
    writeFileSync(manifest, '{ not json');
    const bad = givenServe(['--workers', '2', '--manifest', manifest]);
    assert.equal(await bad.exited, 2);
    assert.match(bad.log(), /bad-manifest\.json.*\[WHARF_MANIFEST_INVALID\]/);
  });
});
