import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { givenWharfServe, type WharfServe, type WharfServeOptions } from '../helpers/serve-cli.js';

const spawned: WharfServe[] = [];

after(() => {
  for (const { child } of spawned) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Root writes to any folder, so a root test runs the host as `nobody` where it needs not to. */
const NOT_ROOT: WharfServeOptions['user'] =
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** Runs `wharf serve` on `connection`; resolves with its exit status and log. */
async function serveOn(
  connection: string,
  user?: WharfServeOptions['user']
): Promise<{ code: number | string; log: string }> {
  const serve = givenWharfServe([], { env: { WHARF_DATABASE__CONNECTION: connection }, user });
  spawned.push(serve);
  const code = await serve.exited;
  return { code, log: serve.log() };
}

describe('wharf serve with storage that cannot open', { timeout: 90_000 }, () => {
  test('exits 2 before listening, naming the database, when its path is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-storage-'));
    writeFileSync(join(dir, 'a-file'), '');
    const connection = `sqlite:${join(dir, 'a-file', 'wharf.sqlite')}`;
    const { code, log } = await serveOn(connection);
    assert.equal(code, 2);
    assert.doesNotMatch(log, /listening on/);
    const errors = log.split('\n').filter((line) => line.startsWith('wharf: '));
    assert.equal(errors.length, 1);
    assert.ok(errors[0]!.includes(connection));
    assert.match(errors[0]!, /\[WHARF_EXTENSION_PREPARE_FAILED\]$/);
  });

  test('exits 2 when the path names a folder', async () => {
    const { code, log } = await serveOn(`sqlite:${mkdtempSync(join(tmpdir(), 'wharf-storage-'))}`);
    assert.equal(code, 2);
    assert.match(log, /cannot open the database .*\[WHARF_EXTENSION_PREPARE_FAILED\]/);
  });

  test('exits 2 when the folder is not writable', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'wharf-storage-'));
    chmodSync(parent, 0o755);
    const dir = join(parent, 'read-only');
    mkdirSync(dir, { mode: 0o555 });
    chmodSync(dir, 0o555);
    const { code, log } = await serveOn(`sqlite:${join(dir, 'wharf.sqlite')}`, NOT_ROOT);
    assert.equal(code, 2);
    assert.match(log, /cannot open the database .*\[WHARF_EXTENSION_PREPARE_FAILED\]/);
  });
});
