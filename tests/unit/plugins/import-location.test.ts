/**
 * Where an import failed, as the load failure names it: the author's TypeScript line when the
 * package ships source maps, the compiled file's otherwise, relative to the package folder;
 * and a manager told not to log failures records them without a log line.
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, test } from 'node:test';
import {
  EntryPointCatalog,
  ExtensionManager,
  type LoadFailure
} from '../../../core/plugins/index.js';
import { flushLogs, givenCapturedLogger } from '../../helpers/capture-logger.js';
import {
  givenCompiledPackageThatThrows,
  type SourceMaps
} from '../../helpers/conformance-fixtures.js';

async function givenImportFailure(maps: SourceMaps, logFailures?: boolean) {
  const dir = await givenCompiledPackageThatThrows(maps);
  const catalog = await EntryPointCatalog.discover({
    manifest: null,
    scanNodeModules: false,
    dropins: [dirname(dir)],
    cacheDir: null
  });
  const { logger, lines } = givenCapturedLogger();
  const manager = await ExtensionManager.create('wharf.api.v21.extensions', {
    catalog,
    logger,
    ...(logFailures === undefined ? {} : { logFailures })
  });
  await flushLogs();
  assert.equal(manager.failures.length, 1);
  return { dir, failure: manager.failures[0] as LoadFailure, lines };
}

describe('import failure locations', { concurrency: true }, () => {
  test('names the TypeScript source line when the package ships source maps', async () => {
    const { dir, failure } = await givenImportFailure('files');
    assert.equal(failure.phase, 'import');
    assert.equal(
      failure.message,
      `cannot import ${dir}/dist/index.js: flywheel size is not configured (at src/sizes.ts:6:9)`
    );
  });

  test('names the compiled file, line and column when there is no source map', async () => {
    const { dir, failure } = await givenImportFailure('none');
    assert.equal(
      failure.message,
      `cannot import ${dir}/dist/index.js: flywheel size is not configured (at dist/sizes.js:4:11)`
    );
  });

  test('logs the failure once at error level, naming the package and entry point', async () => {
    const { dir, lines } = await givenImportFailure('files');
    const errors = lines.filter((line) => line.level === 'error');
    assert.deepEqual(
      errors.map((line) => line.message),
      [
        `extension wharf.api.v21.extensions:flywheels (./dist/index.js:Flywheels, from dropin flywheels (${dir}/package.json)) failed to import: cannot import ${dir}/dist/index.js: flywheel size is not configured (at src/sizes.ts:6:9)`
      ]
    );
  });

  test('records the failure without logging it when logFailures is false', async () => {
    const { failure, lines } = await givenImportFailure('files', false);
    assert.equal(failure.name, 'flywheels');
    assert.deepEqual(
      lines.filter((line) => line.level === 'error'),
      []
    );
  });
});
