/**
 * The CommonJS form of a load plan's bundle and its code cache:
 * the form is written beside the bundle and recorded in the plan, a changed form refuses the
 * plan, a form with an `import()` of its own or `import.meta` left is refused (the ES bundle
 * imported instead), and a fresh process writes the cache once listening, the next one uses
 * it, and a truncated or corrupted cache is ignored and written again. Each start runs in a
 * fresh process, as `wharf serve` does.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { givenModulePackage } from '../../helpers/module-package.js';
import { describe, test } from 'node:test';
import { writeLoadPlan } from '../../../core/cli/load-plan-file.js';
import { resolveDiscoveryOptions } from '../../../core/plugins/discovery.js';
import { loadPlanCodeCacheFile } from '../../../core/plugins/load-plan-code-cache.js';
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

/**
 * Starts from the plan in a fresh process, loads the module, runs its lazy import, then
 * saves the code cache as `wharf serve` does once listening: what the module gave and
 * whether a cache was written.
 */
function startInProcess(given: Given): {
  hello: string;
  here: string;
  lazy: string;
  wrote: boolean;
} {
  const url = (path: string): string => new URL(`../../../core/${path}`, import.meta.url).href;
  const code = [
    `import { startFromLoadPlan } from '${url('plugins/load-plan-check.js')}';`,
    `import { bundledModule } from '${url('plugins/bundled-modules.js')}';`,
    `import { saveLoadPlanCodeCache } from '${url('plugins/load-plan-code-cache.js')}';`,
    `const { PLAN, OPTIONS, MODULE } = process.env;`,
    `await startFromLoadPlan(PLAN, JSON.parse(OPTIONS));`,
    `const { hello, here, later } = bundledModule(MODULE)();`,
    `const lazy = await later();`,
    `console.log(JSON.stringify({ hello, here, lazy, wrote: saveLoadPlanCodeCache() }));`
  ].join('\n');
  const env = {
    ...process.env,
    PLAN: given.plan,
    OPTIONS: JSON.stringify(given.options),
    MODULE: given.module
  };
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { env });
  return JSON.parse(out.toString()) as {
    hello: string;
    here: string;
    lazy: string;
    wrote: boolean;
  };
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
      wrote: true
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
});
