/**
 * `wharf check` diagnostics: `--strict` fails on a drop-in entry point shadowed by a bundled
 * one (a warning without it); a conflict names the package folder of each side; an import
 * failure is reported once, by `check` and by `serve`, naming the package, the entry point
 * and file:line:column inside the extension (the TypeScript line through the package's
 * source maps, and the compiled line of a syntax error).
 */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import {
  conformanceFixture,
  givenCompiledPackageThatThrows,
  givenPackageWithSyntaxError
} from '../helpers/conformance-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { givenWharfServe, type WharfServe } from '../helpers/serve-cli.js';

const THROW = 'flywheel size is not configured';

/** How many times `text` occurs in `output`. */
function occurrences(output: string, text: string): number {
  return output.split(text).length - 1;
}

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

  test('check reports an import failure once, at the TypeScript line', async () => {
    const dir = await givenCompiledPackageThatThrows();
    const result = await runCli(['check', '--dropin', dirname(dir)]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const line =
      `extension-failed: wharf.api.v21.extensions:flywheels (./dist/index.js:Flywheels, ` +
      `from dropin flywheels (${dir}/package.json)) failed to import: cannot import ` +
      `${dir}/dist/index.js: ${THROW} (at src/sizes.ts:6:9) [flywheels]`;
    assert.ok(result.stdout.split('\n').includes(line), result.stdout);
    assert.equal(
      occurrences(result.stdout + result.stderr, THROW),
      1,
      result.stdout + result.stderr
    );
  });

  const served: WharfServe[] = [];
  after(() => served.forEach((serve) => serve.child.kill('SIGKILL')));

  test('serve logs an import failure once, at the TypeScript line, and serves the rest', async () => {
    const dir = await givenCompiledPackageThatThrows();
    const serve = givenWharfServe(['--dropin', dirname(dir)]);
    served.push(serve);
    await serve.listening();
    serve.child.kill('SIGTERM');
    await serve.exited;
    assert.equal(occurrences(serve.log(), THROW), 1, serve.log());
    assert.match(
      serve.log(),
      new RegExp(
        `error extension wharf\\.api\\.v21\\.extensions:flywheels \\(\\./dist/index\\.js:Flywheels, from dropin flywheels \\(${dir}/package\\.json\\)\\) failed to import: .*\\(at src/sizes\\.ts:6:9\\)`
      )
    );
  });

  test('a syntax error names the file, line and column', async () => {
    const dir = givenPackageWithSyntaxError();
    const result = await runCli(['check', '--dropin', dirname(dir)]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`extension-failed: .*Unexpected token .*\\(at broken\\.js:2:11\\)`)
    );
  });
});
