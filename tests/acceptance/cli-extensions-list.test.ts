import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES } from '../helpers/plugin-fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const listArgs = ['extensions', 'list', '--manifest', 'entry-points.json', '--dropin', 'dropins'];

describe('wharf extensions list', () => {
  test('prints one JSON object per entry point with exactly the documented keys', async () => {
    const result = await runCli([...listArgs, '--json'], { cwd: FIXTURES });
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    for (const row of rows) {
      assert.deepEqual(Object.keys(row).sort(), [
        'api',
        'error',
        'name',
        'namespace',
        'source',
        'status',
        'target'
      ]);
    }
    const status = (name: string) => rows.find((row) => row.name === name)?.status;
    assert.equal(status('good_one'), 'loaded');
    assert.equal(status('installed'), 'loaded');
    assert.equal(status('dropped'), 'loaded');
    assert.equal(status('broken'), 'failed');
    assert.equal(status('unimportable'), 'failed');
    assert.equal(status('missing_export'), 'failed');
    assert.equal(status('wrong_type'), 'failed');
    assert.equal(rows.find((row) => row.name === 'good_one')!.error, null);
    assert.match(
      String(rows.find((row) => row.name === 'broken')!.error),
      /^instantiate: broken on purpose$/
    );
  });

  test('names the bad drop-in package on stderr and still lists the rest', async () => {
    const result = await runCli([...listArgs, '--json'], { cwd: FIXTURES });
    assert.match(
      result.stderr,
      /dropin-bad\/package\.json: entry point wharf\.test\.plugins\.escapes/
    );
  });

  test('filters by namespace and prints a table', async () => {
    const result = await runCli([...listArgs, '--namespace', 'wharf.test.di'], { cwd: FIXTURES });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.match(
      lines[0]!,
      /^NAMESPACE\s+NAME\s+TARGET\s+SOURCE\s+STATUS\s+ALIAS\s+CONTRIBUTES\s+ERROR$/
    );
    assert.equal(lines.length, 2 + 3);
    assert.ok(lines.slice(2).every((line) => line.startsWith('wharf.test.di')));
  });

  test('exits 2 naming the file when the manifest is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-bad-manifest-'));
    writeFileSync(join(dir, 'entry-points.json'), '{"wharf.x": {"a": 1}}');
    const result = await runCli(
      ['extensions', 'list', '--manifest', join(dir, 'entry-points.json')],
      { cwd: dir }
    );
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /entry-points\.json: wharf\.x\.a must be a "module:export" string \[WHARF_MANIFEST_INVALID\]/
    );
    assert.equal(result.stdout, '');
  });

  test('exits 2 when the manifest cannot be read', async () => {
    const result = await runCli(['extensions', 'list', '--manifest', '/nonexistent.json'], {
      cwd: FIXTURES
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /\/nonexistent\.json: cannot read the manifest/);
  });
});
