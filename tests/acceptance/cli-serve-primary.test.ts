/**
 * `wharf serve`'s supervising primary builds no host: it reads wharf's own options only, so
 * an extension's option group module runs in the worker and not in the primary, while a
 * bad value of an extension's option still stops the service (exit 2, the option named),
 * reported by the worker that checks the whole configuration; and it does not load the
 * host's modules (Express, the API layer), which only the worker imports.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { givenWharfServe, type WharfServe } from '../helpers/serve-cli.js';

/** Preloaded in every process: at exit, appends `PID true|false` (Express was required). */
const RECORD_EXPRESS = `
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const required = createRequire(process.cwd() + '/').cache;
process.on('exit', () => {
  const express = Object.keys(required).some((file) => /[\\\\/]node_modules[\\\\/]express[\\\\/]/.test(file));
  appendFileSync(process.env.WHARF_TEST_LOADED, process.pid + ' ' + express + '\\n');
});
`;

const OPTIONS_MODULE = [
  `import { appendFileSync } from 'node:fs';`,
  `import { defineOptions } from 'wharf';`,
  `const marks = process.env.WHARF_TEST_MARKS;`,
  `if (marks) appendFileSync(marks, process.pid + '\\n');`,
  `export const GAUGE_OPTIONS = defineOptions(`,
  `  'gauges',`,
  `  [{ section: 'gauges', name: 'size', type: 'int', min: 1, default: 2, help: 'Size.' }],`,
  `  { sections: { gauges: 'Gauges, for the test.' } }`,
  `);`,
  ``
].join('\n');

/** A drop-in folder with a package declaring the `gauges` option group; the marks file. */
function givenOptionsDropin(): { dropins: string; marks: string } {
  const root = mkdtempSync(join(tmpdir(), 'wharf-serve-primary-'));
  const pkg = join(root, 'dropins', 'gauges');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'options.js'), OPTIONS_MODULE);
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'gauges',
      version: '1.0.0',
      type: 'module',
      wharf: { entryPoints: { 'wharf.config.options': { gauges: './options.js:GAUGE_OPTIONS' } } }
    })
  );
  return { dropins: join(root, 'dropins'), marks: join(root, 'evaluated-by') };
}

describe('wharf serve: the supervising primary', () => {
  const spawned: WharfServe[] = [];
  after(() => {
    for (const { child } of spawned) if (child.exitCode === null) child.kill('SIGKILL');
  });

  test('leaves the extensions option groups to the worker', async () => {
    const { dropins, marks } = givenOptionsDropin();
    const served = givenWharfServe(['--dropin', dropins], { env: { WHARF_TEST_MARKS: marks } });
    spawned.push(served);
    await served.listening();
    const worker = /started worker 1 \{"pid":(\d+)/.exec(served.log())?.[1];
    served.child.kill('SIGTERM');
    assert.equal(await served.exited, 0);
    assert.deepEqual(readFileSync(marks, 'utf8').trim().split('\n'), [worker]);
  });

  test('loads Express in the worker only', async () => {
    const loaded = join(mkdtempSync(join(tmpdir(), 'wharf-serve-primary-')), 'loaded');
    const hook = `data:text/javascript,${encodeURIComponent(RECORD_EXPRESS)}`;
    const served = givenWharfServe([], {
      env: { WHARF_TEST_LOADED: loaded, NODE_OPTIONS: `--import=${hook}` }
    });
    spawned.push(served);
    await served.listening();
    const worker = /started worker 1 \{"pid":(\d+)/.exec(served.log())?.[1];
    served.child.kill('SIGTERM');
    assert.equal(await served.exited, 0);
    const lines = readFileSync(loaded, 'utf8').trim().split('\n').sort();
    assert.deepEqual(lines, [`${served.child.pid} false`, `${worker} true`].sort());
  });

  test('still stops the service on a bad value of an extension option', async () => {
    const { dropins } = givenOptionsDropin();
    const served = givenWharfServe(['--dropin', dropins], { env: { WHARF_GAUGES__SIZE: '0' } });
    spawned.push(served);
    assert.equal(await served.exited, 2);
    assert.match(served.log(), /size/);
    assert.match(served.log(), /\[WHARF_CONFIG_INVALID\]/);
  });
});
