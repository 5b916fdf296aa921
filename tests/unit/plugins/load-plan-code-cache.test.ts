/**
 * The CommonJS form of a load plan's bundle and its code cache:
 * the form is written beside the bundle and recorded in the plan, a changed form refuses the
 * plan, a form with an `import()` of its own or `import.meta` left is refused (the ES bundle
 * imported instead), and a fresh process writes the cache once listening, the next one uses
 * it, and a truncated or corrupted cache is ignored and written again; the cache is written
 * only once the process was idle, temporary files of writers that are gone are removed, and
 * a cache that cannot be written is one warning naming it. Each start runs in a fresh
 * process, as `wharf serve` does.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  utimesSync,
  writeFileSync
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { givenModulePackage } from '../../helpers/module-package.js';
import { describe, test } from 'node:test';
import { writeLoadPlan } from '../../../core/cli/load-plan-file.js';
import { resolveDiscoveryOptions } from '../../../core/plugins/discovery.js';
import { loadPlanCodeCacheFile } from '../../../core/plugins/load-plan-code-cache.js';
import {
  STALE_TEMPORARY_MS,
  temporaryCodeCacheFile
} from '../../../core/plugins/load-plan-code-cache-save.js';
import { startFromLoadPlan } from '../../../core/plugins/load-plan-check.js';
import type { LoadPlanForm } from '../../../core/plugins/load-plan-form.js';
import type { LoadPlan } from '../../../core/plugins/load-plan.js';

interface Given {
  plan: string;
  module: string;
  options: ReturnType<typeof resolveDiscoveryOptions>;
}

/**
 * A drop-in whose ES entry module default-imports a package, keeps `import.meta.url`, and
 * imports a helper lazily; `extra` is added to the module (an `import()` of its own).
 */
async function givenWrittenPlan(extra = ''): Promise<Given> {
  const root = mkdtempSync(join(tmpdir(), 'wharf-form-'));
  const pkg = join(root, 'dropins', 'formed');
  givenModulePackage(
    pkg,
    'default-dependency',
    `export default 'default';\nexport const named = 1;\n`
  );
  writeFileSync(join(pkg, 'lazy.js'), `export const lazy = 'lazy';\n`);
  const module = join(pkg, 'index.js');
  writeFileSync(
    module,
    [
      `import fallback, { named } from 'default-dependency';`,
      `export const hello = fallback + named;`,
      `export const here = import.meta.url;`,
      `export const later = async () => (await import('./lazy.js')).lazy;`,
      extra,
      ``
    ].join('\n')
  );
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'formed',
      version: '1.0.0',
      type: 'module',
      wharf: { entryPoints: { 'wharf.test.formed': { hello: './index.js:hello' } } }
    })
  );
  const options = resolveDiscoveryOptions({ manifest: null, dropins: [join(root, 'dropins')] });
  const plan = join(root, 'load.json');
  await writeLoadPlan(plan, options);
  return { plan, module, options };
}

function formOf(plan: string): LoadPlanForm {
  return (JSON.parse(readFileSync(plan, 'utf8')) as LoadPlan).bundle.form as LoadPlanForm;
}

/** What a start in a fresh process reports. */
interface Started {
  hello: string;
  here: string;
  lazy: string;
  wrote: boolean;
  warnings: string[];
}

/** Runs `lines` in a fresh process after starting from the plan and loading the module. */
function runStarted(given: Given, lines: string[]): string {
  const url = (path: string): string => new URL(`../../../core/${path}`, import.meta.url).href;
  const code = [
    `import { existsSync } from 'node:fs';`,
    `import { startFromLoadPlan } from '${url('plugins/load-plan-check.js')}';`,
    `import { bundledModule } from '${url('plugins/bundled-modules.js')}';`,
    `import * as save from '${url('plugins/load-plan-code-cache-save.js')}';`,
    `const { PLAN, OPTIONS, MODULE, CACHE } = process.env;`,
    `await startFromLoadPlan(PLAN, JSON.parse(OPTIONS));`,
    `const { hello, here, later } = bundledModule(MODULE)();`,
    ...lines
  ].join('\n');
  const env = {
    ...process.env,
    PLAN: given.plan,
    OPTIONS: JSON.stringify(given.options),
    MODULE: given.module,
    CACHE: 'file' in formOf(given.plan) ? loadPlanCodeCacheFile(formOf(given.plan)) : ''
  };
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { env }).toString();
}

/**
 * Starts from the plan in a fresh process, loads the module, runs its lazy import, then
 * saves the code cache as `wharf serve` does at the latest when it stops: what the module
 * gave, whether a cache was written, and the warnings.
 */
function startInProcess(given: Given): Started {
  const out = runStarted(given, [
    `const lazy = await later();`,
    `const warnings = [];`,
    `const wrote = await save.saveLoadPlanCodeCache((message) => warnings.push(message));`,
    `console.log(JSON.stringify({ hello, here, lazy, wrote, warnings }));`
  ]);
  return JSON.parse(out) as Started;
}

describe('load plan bundle form and code cache', () => {
  test('writes the CommonJS form beside the bundle, with its digest, in the plan', async () => {
    const given = await givenWrittenPlan();
    const form = formOf(given.plan);
    assert.equal(form.file, given.plan.replace(/\.json$/, '.bundle.cjs'));
    const text = readFileSync(form.file, 'utf8');
    assert.ok(text.includes('__wharfImport('), 'the import() of the chunk is handed in');
    assert.doesNotMatch(text, /\bimport\s*\(|import\.meta/);
  });

  test('refuses the plan after its CommonJS form was edited, naming it', async () => {
    const given = await givenWrittenPlan();
    const form = formOf(given.plan);
    appendFileSync(form.file, '\n// edited\n');
    await assert.rejects(startFromLoadPlan(given.plan, given.options), (error: Error) => {
      assert.equal((error as Error & { code: string }).code, 'WHARF_LOAD_PLAN_STALE');
      assert.ok(error.message.includes(form.file), error.message);
      return true;
    });
  });

  for (const [what, extra] of [
    ['an import() of its own', `export const dynamic = (name) => import(name);`],
    ['import.meta', `export const resolved = import.meta.resolve('./lazy.js');`]
  ]) {
    test(`refuses the form when ${what} remains: the ES bundle serves`, async () => {
      const given = await givenWrittenPlan(extra);
      const { form } = (JSON.parse(readFileSync(given.plan, 'utf8')) as LoadPlan).bundle;
      assert.ok('refused' in form, JSON.stringify(form));
      const started = startInProcess(given);
      assert.equal(started.hello, 'default1');
      assert.equal(started.wrote, false, 'no form, no code cache');
    });
  }

  test('writes the code cache after the first start and uses it on the second', async () => {
    const given = await givenWrittenPlan();
    const first = startInProcess(given);
    assert.deepEqual(first, {
      hello: 'default1',
      here: `file://${given.module}`,
      lazy: 'lazy',
      wrote: true,
      warnings: []
    });
    const second = startInProcess(given);
    assert.equal(second.hello, 'default1');
    assert.equal(second.wrote, false, 'the cache was used: nothing to write again');
  });

  for (const [what, damage] of [
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 100)],
    [
      'corrupted',
      (bytes: Buffer) => {
        const copy = Buffer.from(bytes);
        copy[copy.length - 50] ^= 0xff;
        return copy;
      }
    ],
    ['not a cache', () => Buffer.from('junk')]
  ] as const) {
    test(`ignores a ${what} code cache and writes it again`, async () => {
      const given = await givenWrittenPlan();
      startInProcess(given);
      const file = loadPlanCodeCacheFile(formOf(given.plan));
      writeFileSync(file, damage(readFileSync(file)));
      const again = startInProcess(given);
      assert.equal(again.hello, 'default1');
      assert.equal(again.wrote, true);
      assert.equal(startInProcess(given).wrote, false, 'the cache written again is used');
    });
  }

  test('writes the code cache only once the process was idle', async () => {
    const given = await givenWrittenPlan();
    const out = runStarted(given, [
      `save.saveLoadPlanCodeCacheWhenIdle();`,
      `let whileBusy = false;`,
      `const until = Date.now() + 1000;`,
      `await new Promise((resolve) => {`,
      `  const slice = () => {`,
      `    const end = Date.now() + 20;`,
      `    while (Date.now() < end);`,
      `    whileBusy ||= existsSync(CACHE);`,
      `    if (Date.now() < until) setImmediate(slice); else resolve();`,
      `  };`,
      `  slice();`,
      `});`,
      `const waited = Date.now();`,
      `while (!existsSync(CACHE) && Date.now() - waited < 5000) {`,
      `  await new Promise((resolve) => setTimeout(resolve, 20));`,
      `}`,
      `console.log(JSON.stringify({ whileBusy, after: existsSync(CACHE) }));`
    ]);
    assert.deepEqual(JSON.parse(out), { whileBusy: false, after: true });
  });

  test('removes the temporary files of writers that are gone, keeps running ones', async () => {
    const given = await givenWrittenPlan();
    startInProcess(given);
    const cache = loadPlanCodeCacheFile(formOf(given.plan));
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const files = {
      gone: temporaryCodeCacheFile(cache, hostname(), gone),
      goneUnnamedHost: `${cache}.${gone}.tmp`,
      running: temporaryCodeCacheFile(cache, hostname(), process.pid),
      otherHostFresh: temporaryCodeCacheFile(cache, 'elsewhere.example', gone),
      otherHostOld: temporaryCodeCacheFile(cache, 'elsewhere.example', gone + 1)
    };
    for (const file of Object.values(files)) writeFileSync(file, 'partial');
    const old = (Date.now() - STALE_TEMPORARY_MS - 60_000) / 1000;
    utimesSync(files.otherHostOld, old, old);
    const again = startInProcess(given);
    assert.equal(again.wrote, false, 'the cache was used');
    const left = Object.fromEntries(
      Object.entries(files).map(([name, file]) => [name, existsSync(file)])
    );
    assert.deepEqual(left, {
      gone: false,
      goneUnnamedHost: false,
      running: true,
      otherHostFresh: true,
      otherHostOld: false
    });
  });

  test('starts and warns once, naming the file and the error, when the cache cannot be written', async () => {
    const given = await givenWrittenPlan();
    const cache = loadPlanCodeCacheFile(formOf(given.plan));
    // A folder in the cache's place: renaming over it fails for root too.
    mkdirSync(join(cache, 'taken'), { recursive: true });
    const started = startInProcess(given);
    assert.equal(started.hello, 'default1');
    assert.equal(started.wrote, false);
    assert.equal(started.warnings.length, 1, started.warnings.join('\n'));
    assert.ok(started.warnings[0]!.includes(cache), started.warnings[0]);
    assert.match(started.warnings[0]!, /\((EISDIR|ENOTEMPTY|EEXIST|EACCES|EPERM)\)/);
  });
});
