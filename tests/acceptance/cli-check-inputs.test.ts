/**
 * `wharf check` fails on bad inputs that used to pass as "ok": a drop-in folder that does
 * not exist or is a file, an `[extensions] disabled` alias that no extension has, and a bad
 * package in a drop-in folder named by the configuration file rather than by `--dropin`.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { conformanceFixture } from '../helpers/conformance-fixtures.js';
import { runCli } from '../helpers/run-cli.js';

describe('wharf check on bad inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-check-inputs-'));

  test('a missing drop-in folder fails, naming it', async () => {
    const missing = join(dir, 'no-such-folder');
    const result = await runCli(['check', '--dropin', missing]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`dropin: drop-in folder ${missing} does not exist`));
  });

  test('a file given as the drop-in folder fails, naming it', async () => {
    const file = join(dir, 'not-a-folder.json');
    writeFileSync(file, '{}');
    const result = await runCli(['check', '--dropin', file]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`drop-in folder ${file} is a file, not a folder`));
  });

  test('a disabled alias that no extension has fails; an existing one does not', async () => {
    const result = await runCli(['check'], {
      env: { WHARF_EXTENSIONS__DISABLED: 'no-such-alias,flavors' }
    });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /unknown-alias: \[extensions\] disabled names "no-such-alias"/);
    assert.doesNotMatch(result.stdout, /names "flavors"/);
  });

  test("a package in a config file's [extensions] dropin_dirs is checked as --dropin is", async () => {
    const dropins = mkdtempSync(join(tmpdir(), 'wharf-check-dropin-dirs-'));
    cpSync(conformanceFixture('declares-nothing'), join(dropins, 'hollow'), { recursive: true });
    const conf = join(dir, 'wharf.conf');
    writeFileSync(conf, `[extensions]\ndropin_dirs = ${dropins}\n`);
    const result = await runCli(['check', '--config', conf]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /declarations: extension hollow .* adds nothing to the API/);
  });
});
