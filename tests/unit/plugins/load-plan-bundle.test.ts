/**
 * The load plan's bundle: written beside the plan with the drop-in's ES modules and their
 * relative imports (not a CommonJS entry module, not wharf itself), its modules taken by
 * `EntryPoint.load()` once the plan is proved fresh, a module reached only by `import()`
 * (and the package only it imports) left to a chunk imported when that `import()` runs, and
 * the plan refused (naming the file) after a bundled helper, the bundle itself or a chunk
 * changed, or when it is a plan of an older format.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { givenModulePackage } from '../../helpers/module-package.js';
import { describe, test } from 'node:test';
import { loadPlanBundleFile, writeLoadPlan } from '../../../core/cli/load-plan-file.js';
import { bundledModule } from '../../../core/plugins/bundled-modules.js';
import { resolveDiscoveryOptions } from '../../../core/plugins/discovery.js';
import { startFromLoadPlan } from '../../../core/plugins/load-plan-check.js';
import { planDigest, type LoadPlan } from '../../../core/plugins/load-plan.js';

const NAMESPACE = 'wharf.test.bundled';
/** The global the lazily imported package counts its evaluations in. */
const LAZY_RUNS = 'wharfTestLazyDependencyRuns';

interface Given {
  plan: string;
  bundle: string;
  module: string;
  helper: string;
  /** The chunk holding the module only import() reaches. */
  chunk: string;
  commonjs: string;
  options: ReturnType<typeof resolveDiscoveryOptions>;
}

/** A drop-in package: an ES entry module with a helper and `wharf`, and a CommonJS one. */
async function givenWrittenPlan(): Promise<Given> {
  const root = mkdtempSync(join(tmpdir(), 'wharf-bundle-'));
  const pkg = join(root, 'dropins', 'bundled');
  mkdirSync(join(pkg, 'lib'), { recursive: true });
  const module = join(pkg, 'index.js');
  const helper = join(pkg, 'lib', 'greeting.js');
  const commonjs = join(pkg, 'legacy.cjs');
  writeFileSync(helper, `export const greeting = (name) => 'hello ' + name;\n`);
  // A module only import() reaches, importing a package that counts its evaluations.
  givenModulePackage(
    pkg,
    'lazy-dependency',
    `globalThis.${LAZY_RUNS} = (globalThis.${LAZY_RUNS} ?? 0) + 1;\nexport const lazy = 'lazy';\n`
  );
  writeFileSync(
    join(pkg, 'lib', 'lazy.js'),
    `import { lazy } from 'lazy-dependency';\nimport { greeting } from './greeting.js';\nexport const lazyGreeting = greeting(lazy);\n`
  );
  writeFileSync(
    module,
    [
      `import { WharfError } from 'wharf';`,
      `import { greeting } from './lib/greeting.js';`,
      `export const hello = greeting('plan');`,
      `export const errorClass = WharfError;`,
      `export const here = import.meta.url;`,
      `export const later = async () => (await import('./lib/lazy.js')).lazyGreeting;`,
      ``
    ].join('\n')
  );
  writeFileSync(commonjs, `exports.legacy = 'commonjs';\n`);
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'bundled',
      version: '1.0.0',
      type: 'module',
      wharf: {
        entryPoints: { [NAMESPACE]: { hello: './index.js:hello', legacy: './legacy.cjs:legacy' } }
      }
    })
  );
  const options = resolveDiscoveryOptions({ manifest: null, dropins: [join(root, 'dropins')] });
  const plan = join(root, 'load.json');
  await writeLoadPlan(plan, options);
  const bundle = loadPlanBundleFile(plan);
  const chunk = Object.keys(readPlan(plan).bundle.chunks).find((file) =>
    readFileSync(file, 'utf8').includes('lazy-dependency')
  );
  return { plan, bundle, module, helper, chunk: chunk!, commonjs, options };
}

function readPlan(file: string): LoadPlan {
  return JSON.parse(readFileSync(file, 'utf8')) as LoadPlan;
}

describe('load plan bundle', () => {
  test('bundles the ES entry modules and their relative imports, not a CommonJS one', async () => {
    const given = await givenWrittenPlan();
    assert.equal(given.bundle, given.plan.replace(/\.json$/, '.bundle.mjs'));
    const { bundle } = readPlan(given.plan);
    assert.equal(bundle.file, given.bundle);
    assert.deepEqual(Object.keys(bundle.modules), [given.module]);
    assert.ok(given.helper in bundle.inputs, JSON.stringify(bundle.inputs));
    assert.ok(!(given.commonjs in bundle.inputs));
    const text = readFileSync(given.bundle, 'utf8');
    assert.ok(!text.includes('class WharfError'), 'wharf itself is not copied into the bundle');
    assert.match(text, /from "file:\/\/[^"]*\/core\/index\.js"/);
  });

  test('a fresh plan serves its modules from the bundle, the host sharing wharf', async () => {
    const given = await givenWrittenPlan();
    const catalog = await startFromLoadPlan(given.plan, given.options);
    assert.ok(bundledModule(given.module) !== undefined);
    assert.equal(bundledModule(given.commonjs), undefined);
    const [hello, legacy] = catalog.list(NAMESPACE);
    assert.equal(await hello!.load(), 'hello plan');
    assert.equal(await legacy!.load(), 'commonjs');
    const { WharfError } = await import('../../../core/index.js');
    const module = bundledModule(given.module)!();
    assert.equal(module.errorClass, WharfError);
    assert.equal(module.here, `file://${given.module}`);
  });

  test('leaves a module reached only by import() to a chunk imported when it runs', async () => {
    const given = await givenWrittenPlan();
    const { bundle } = readPlan(given.plan);
    for (const chunk of Object.keys(bundle.chunks)) {
      assert.ok(chunk.startsWith(given.bundle.replace(/\.mjs$/, '-')), chunk);
    }
    assert.ok(!readFileSync(given.bundle, 'utf8').includes('lazy-dependency'));
    const runs = (): unknown => (globalThis as Record<string, unknown>)[LAZY_RUNS];
    const before = runs();
    await startFromLoadPlan(given.plan, given.options);
    const module = bundledModule(given.module)!();
    assert.equal(runs(), before, 'the package only import() reaches is not run at start-up');
    assert.equal(await (module.later as () => Promise<string>)(), 'hello lazy');
    assert.equal(runs(), ((before as number | undefined) ?? 0) + 1);
  });

  test('refuses the plan after a bundled helper changed, naming it', async () => {
    const given = await givenWrittenPlan();
    appendFileSync(given.helper, '// edited\n');
    await assert.rejects(startFromLoadPlan(given.plan, given.options), (error: Error) => {
      assert.match(error.message, /stale: the bundled file/);
      assert.ok(error.message.includes(given.helper), error.message);
      return true;
    });
  });

  test('refuses the plan after its bundle was edited, naming it', async () => {
    const given = await givenWrittenPlan();
    appendFileSync(given.bundle, 'globalThis.edited = true;\n');
    await assert.rejects(startFromLoadPlan(given.plan, given.options), (error: Error) => {
      assert.match(error.message, /stale: the bundle /);
      assert.ok(error.message.includes(given.bundle), error.message);
      return true;
    });
  });

  test('refuses the plan after a chunk of its bundle was edited, naming it', async () => {
    const given = await givenWrittenPlan();
    appendFileSync(given.chunk, 'globalThis.edited = true;\n');
    await assert.rejects(startFromLoadPlan(given.plan, given.options), (error: Error) => {
      assert.match(error.message, /stale: the bundle chunk /);
      assert.ok(error.message.includes(given.chunk), error.message);
      return true;
    });
  });

  test('refuses a format-1 plan (no bundle), naming the format', async () => {
    const given = await givenWrittenPlan();
    const { digest: _digest, bundle: _bundle, ...rest } = readPlan(given.plan);
    const old = { ...rest, format: 1 } as unknown as Omit<LoadPlan, 'digest'>;
    writeFileSync(given.plan, JSON.stringify({ ...old, digest: planDigest(old) }));
    await assert.rejects(startFromLoadPlan(given.plan, given.options), (error: Error) => {
      assert.match(error.message, /load plan of format 1, this wharf reads format 4/);
      return true;
    });
  });
});
