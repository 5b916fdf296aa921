/**
 * `wharf check` diagnostics: `--strict` fails on a drop-in entry point shadowed by a bundled
 * one (a warning without it); a conflict names the package folder of each side; an import
 * failure names file:line:column inside the extension (a throw while it evaluates, and a
 * syntax error).
 */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import {
  conformanceFixture,
  givenPackageWithSyntaxError
} from '../helpers/conformance-fixtures.js';
import { runCli } from '../helpers/run-cli.js';

/** The compiled project root (dist/), where the bundled manifest lives. */
const DIST = fileURLToPath(new URL('../../', import.meta.url));

describe('wharf check diagnostics', { concurrency: true }, () => {
  test('--strict fails on a drop-in entry point shadowed by a bundled one', async () => {
    const dir = conformanceFixture('shadowing');
    const strict = await runCli(['check', '--strict', '--dropin', dir]);
    assert.equal(strict.code, 1, strict.stdout + strict.stderr);
    assert.match(
      strict.stdout,
      /shadowed: entry point wharf\.api\.v21\.extensions:servers of the drop-in package in .*shadowing is shadowed by the project one/
    );
    const lenient = await runCli(['check', '--dropin', dir]);
    assert.equal(lenient.code, 0, lenient.stdout + lenient.stderr);
    assert.match(lenient.stderr, /wharf\.api\.v21\.extensions:servers is declared 2 times/);
  });

  test('a conflict names the package folder of each side', async () => {
    const dir = conformanceFixture('../check/dropins/colliding');
    const result = await runCli(['check', '--dropin', dir]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const line = result.stdout.split('\n').find((text) => text.startsWith('collision:'));
    assert.ok(line, result.stdout);
    assert.ok(line.includes(`extensions from ${join(DIST).replace(/\/$/, '')};`), line);
    assert.ok(line.includes(`colliding from ${dir}`), line);
  });

  test('an import failure names the first frame inside the extension', async () => {
    const dir = conformanceFixture('throws-on-import');
    const result = await runCli(['check', '--dropin', dir]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      new RegExp(
        `extension-failed: .*flywheel size is not configured \\(at ${dir}/helpers\\.js:3:\\d+\\)`
      )
    );
  });

  test('a syntax error names the file, line and column', async () => {
    const dir = givenPackageWithSyntaxError();
    const result = await runCli(['check', '--dropin', dirname(dir)]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`extension-failed: .*Unexpected token .*\\(at ${dir}/broken\\.js:2:11\\)`)
    );
  });
});
