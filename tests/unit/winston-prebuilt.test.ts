/**
 * wharf's root logger is made from the winston bundle the build writes
 * (core/winston-prebuilt.ts), and that copy is the one every later `require` or `import` of
 * winston and the packages its loggers are made of gets; a process that loaded one of them
 * first gets the packages themselves.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

/** What a fresh process saw after building a root logger, having first run `before`. */
interface Seen {
  /** Files of the five packages in `require.cache`, relative to `node_modules`. */
  files: string[];
  /** Whether the prebuilt bundle was loaded. */
  prebuilt: boolean;
  /** The identity checks, by name: true when the logger's objects are the package's. */
  same: Record<string, boolean>;
  /** The line the logger wrote. */
  line: string;
}

function givenRootLoggerBuiltInAFreshProcess(before = ''): Seen {
  const url = pathToFileURL(join(import.meta.dirname, '../../core/logger.js')).href;
  const script = `import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
const require = createRequire(import.meta.url);
${before}
const { createLogger } = await import(${JSON.stringify(url)});
const stream = new PassThrough();
const logger = createLogger({ format: 'json', stream });
const winston = require('winston');
const imported = await import('winston');
const same = {
  logger: logger instanceof winston.Logger,
  importedDefault: imported.default === winston,
  importedNamed: imported.Logger === winston.Logger,
  transform: logger instanceof require('readable-stream').Transform,
  transport: logger.transports[0] instanceof require('winston-transport'),
  transportOfWinston: require('winston-transport') === winston.Transport,
  logform: require('logform').format === winston.format
};
logger.warn('hello', { n: 1 });
const line = String(stream.read()).replace(/"timestamp":"[^"]+"/, '"timestamp":"T"');
const cached = Object.keys(require.cache);
const files = cached
  .map((file) => /\\/node_modules\\/((?:winston|logform|winston-transport|triple-beam|readable-stream)\\/.*)$/.exec(file)?.[1])
  .filter((file) => file !== undefined);
const prebuilt = cached.some((file) => file.endsWith('winston-prebuilt.cjs'));
process.stdout.write(JSON.stringify({ files, prebuilt, same, line }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 30_000
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as Seen;
}

const LINE = '{"level":"warn","message":"hello","n":1,"timestamp":"T"}\n';

describe('winston prebuilt', () => {
  test("builds the root logger from the bundle, loading none of the packages' files", () => {
    const seen = givenRootLoggerBuiltInAFreshProcess();
    assert.equal(seen.prebuilt, true);
    // Only the five main modules, registered from the bundle.
    assert.deepEqual(seen.files.sort(), [
      'logform/index.js',
      'readable-stream/readable.js',
      'triple-beam/index.js',
      'winston-transport/index.js',
      'winston/lib/winston.js'
    ]);
    assert.equal(seen.line, LINE);
  });

  test("gives a later require or import of the packages the logger's own objects", () => {
    const { same } = givenRootLoggerBuiltInAFreshProcess();
    for (const [check, holds] of Object.entries(same)) assert.ok(holds, check);
  });

  test('uses the packages themselves in a process that loaded one of them first', () => {
    const seen = givenRootLoggerBuiltInAFreshProcess("require('logform');");
    assert.equal(seen.prebuilt, false);
    assert.ok(seen.files.includes('winston/lib/winston/logger.js'), seen.files.join(' '));
    for (const [check, holds] of Object.entries(seen.same)) assert.ok(holds, check);
    assert.equal(seen.line, LINE);
  });
});
