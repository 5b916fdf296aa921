/**
 * `wharf check --write-load-plan` and `wharf serve --load-plan`: a plan written by a clean
 * check (with its bundle of the drop-in's modules beside it) serves the drop-in's routes; a
 * plan's bundle is imported by the worker that serves, not by the supervising primary; a
 * plan is refused (exit 2, `WHARF_LOAD_PLAN_STALE`, naming what changed) after an extension
 * module, a helper module it bundled, its package's manifest or its version changed, and a
 * file that is not a whole plan is refused (exit 2, `WHARF_LOAD_PLAN_INVALID`, naming the
 * file and the problem). Two workers serving from a plan leave its bundle's code cache whole,
 * and the next start uses it; a code cache that cannot be written is one warning, and the
 * worker serves.
 */
import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { givenModulePackage } from '../helpers/module-package.js';
import { after, beforeEach, describe, test } from 'node:test';
import { sha256 } from '../../core/plugins/sha256.js';
import { runCli } from '../helpers/run-cli.js';
import { givenWharfServe, type WharfServe } from '../helpers/serve-cli.js';

const MODULE = [
  `import { APIExtensionBase, Controller, ResourceExtension } from 'wharf';`,
  `import { gadgetOf } from './lib/gadget.js';`,
  `class GadgetsController extends Controller {`,
  `  show(req) { return { gadget: gadgetOf(req.params.id) }; }`,
  `}`,
  `export class Gadgets extends APIExtensionBase {`,
  `  name = 'Gadgets';`,
  `  alias = 'gadgets';`,
  `  version = 1;`,
  `  description = 'Gadgets for the load plan test.';`,
  `  getResources() { return [new ResourceExtension('gadgets', new GadgetsController())]; }`,
  `}`,
  ``
].join('\n');

interface Given {
  cwd: string;
  dropins: string;
  module: string;
  helper: string;
  manifest: string;
  plan: string;
}

/** A fresh folder with a drop-in package declaring the `gadgets` collection. */
function givenDropin(): Given {
  const cwd = mkdtempSync(join(tmpdir(), 'wharf-load-plan-'));
  const dropins = join(cwd, 'dropins');
  const pkg = join(dropins, 'gadgets');
  mkdirSync(join(pkg, 'lib'), { recursive: true });
  writeFileSync(join(pkg, 'index.js'), MODULE);
  const helper = join(pkg, 'lib', 'gadget.js');
  writeFileSync(helper, `export const gadgetOf = (id) => ({ id });\n`);
  const manifest = join(pkg, 'package.json');
  writeFileSync(
    manifest,
    JSON.stringify({
      name: 'gadgets',
      version: '1.0.0',
      type: 'module',
      wharf: { entryPoints: { 'wharf.api.v21.extensions': { gadgets: './index.js:Gadgets' } } }
    })
  );
  const plan = join(cwd, 'load.json');
  return { cwd, dropins, module: join(pkg, 'index.js'), helper, manifest, plan };
}

async function writePlan(given: Given): Promise<void> {
  const args = ['check', '--dropin', given.dropins, '--write-load-plan', given.plan];
  const result = await runCli(args, { cwd: given.cwd });
  assert.equal(result.code, 0, result.stderr);
}

/** Runs `wharf serve --load-plan` expecting a refusal; returns its stderr. */
async function refusedServe(given: Given, code: string): Promise<string> {
  const args = ['serve', '--port', '0', '--dropin', given.dropins, '--load-plan', given.plan];
  const result = await runCli(args, { cwd: given.cwd });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, new RegExp(`\\[${code}\\]`));
  assert.ok(result.stderr.includes(given.plan), result.stderr);
  return result.stderr;
}

/**
 * Serves `given` from its plan with `WHARF_TEST_MARKS` set to `marks` (a file modules append
 * their process id to when evaluated), stops it, and returns the worker's pid and the pids
 * that evaluated a marking module, in order (killed on a failure).
 */
async function serveMarking(
  given: Given,
  marks: string
): Promise<{ worker: string | undefined; evaluatedBy: string[] }> {
  const served = givenWharfServe(['--dropin', given.dropins, '--load-plan', given.plan], {
    cwd: given.cwd,
    env: { WHARF_TEST_MARKS: marks }
  });
  try {
    await served.listening();
    const worker = /started worker 1 \{"pid":(\d+)/.exec(served.log())?.[1];
    served.child.kill('SIGTERM');
    assert.equal(await served.exited, 0);
    return { worker, evaluatedBy: readFileSync(marks, 'utf8').trim().split('\n') };
  } finally {
    if (served.child.exitCode === null) served.child.kill('SIGKILL');
  }
}
describe('wharf serve --load-plan', () => {
  let given: Given;
  let served: WharfServe | undefined;
  beforeEach(() => {
    given = givenDropin();
  });
  after(() => served?.child.kill('SIGKILL'));

  test('serves the extensions of a plan a clean check wrote, from its bundle', async () => {
    await writePlan(given);
    const bundle = join(given.cwd, 'load.bundle.mjs');
    assert.ok(existsSync(bundle));
    assert.ok(readFileSync(bundle, 'utf8').includes('gadgetOf'));
    served = givenWharfServe(['--dropin', given.dropins, '--load-plan', given.plan], {
      cwd: given.cwd
    });
    const url = await served.listening();
    const reply = await fetch(`${url}/v2.1/gadgets/7`, { headers: { 'x-auth-token': 'u:p' } });
    assert.equal(reply.status, 200);
    assert.deepEqual(await reply.json(), { gadget: { id: '7' } });
    served.child.kill('SIGTERM');
    assert.equal(await served.exited, 0);
  });

  test('imports the bundle in the worker only, not in the supervising primary', async () => {
    // The drop-in imports a package of its own that records each process evaluating it.
    const marks = join(given.cwd, 'evaluated-by');
    givenModulePackage(
      join(given.dropins, 'gadgets'),
      'marker',
      `import { appendFileSync } from 'node:fs';\nconst marks = process.env.WHARF_TEST_MARKS;\nif (marks) appendFileSync(marks, process.pid + '\\n');\nexport const marked = true;\n`
    );
    writeFileSync(given.module, `import 'marker';\n${MODULE}`);
    await writePlan(given);
    const { worker, evaluatedBy } = await serveMarking(given, marks);
    assert.deepEqual(evaluatedBy, [worker]);
  });

  test("takes a drop-in's option group from the bundle: the worker evaluates it once", async () => {
    // The option module records each evaluation; the extension module imports it too.
    const marks = join(given.cwd, 'evaluated-by');
    const options = join(given.dropins, 'gadgets', 'options.js');
    writeFileSync(
      options,
      [
        `import { appendFileSync } from 'node:fs';`,
        `import { defineOptions } from 'wharf';`,
        `const marks = process.env.WHARF_TEST_MARKS;`,
        `if (marks) appendFileSync(marks, process.pid + '\\n');`,
        `export const GADGET_OPTIONS = defineOptions('gadgets', [`,
        `  { section: 'gadgets', name: 'size', type: 'int', default: 3, help: 'A size.' }`,
        `]);`,
        ``
      ].join('\n')
    );
    writeFileSync(given.module, `import './options.js';\n${MODULE}`);
    const pkg = JSON.parse(readFileSync(given.manifest, 'utf8')) as {
      wharf: { entryPoints: Record<string, Record<string, string>> };
    };
    pkg.wharf.entryPoints['wharf.config.options'] = { gadgets: './options.js:GADGET_OPTIONS' };
    writeFileSync(given.manifest, JSON.stringify(pkg));
    await writePlan(given);
    const { worker, evaluatedBy } = await serveMarking(given, marks);
    // Once: the configuration's option group is the bundle's module, which the extension's
    // import shares; not also its file imported for the configuration before the bundle.
    assert.deepEqual(evaluatedBy, [worker]);
  });

  test('refuses the plan after an extension module changed', async () => {
    await writePlan(given);
    appendFileSync(given.module, '// edited\n');
    const stderr = await refusedServe(given, 'WHARF_LOAD_PLAN_STALE');
    assert.ok(stderr.includes(given.module), stderr);
  });

  test('refuses the plan after a helper module it bundled changed', async () => {
    await writePlan(given);
    appendFileSync(given.helper, '// edited\n');
    const stderr = await refusedServe(given, 'WHARF_LOAD_PLAN_STALE');
    assert.ok(stderr.includes(given.helper), stderr);
  });

  test('refuses the plan after its manifest changed', async () => {
    await writePlan(given);
    const pkg = JSON.parse(readFileSync(given.manifest, 'utf8')) as Record<string, unknown>;
    writeFileSync(given.manifest, JSON.stringify({ ...pkg, description: 'edited' }));
    const stderr = await refusedServe(given, 'WHARF_LOAD_PLAN_STALE');
    assert.ok(stderr.includes(given.manifest), stderr);
  });

  test('refuses the plan after the package version changed', async () => {
    await writePlan(given);
    const pkg = JSON.parse(readFileSync(given.manifest, 'utf8')) as Record<string, unknown>;
    writeFileSync(given.manifest, JSON.stringify({ ...pkg, version: '1.0.1' }));
    const stderr = await refusedServe(given, 'WHARF_LOAD_PLAN_STALE');
    assert.match(stderr, /version 1\.0\.1, the plan has 1\.0\.0/);
  });

  test('refuses a plan written for other drop-in folders', async () => {
    await writePlan(given);
    const args = ['serve', '--port', '0', '--load-plan', given.plan];
    const result = await runCli(args, { cwd: given.cwd });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /\[WHARF_LOAD_PLAN_STALE\]/);
  });

  test("two workers write their plan bundle's code cache whole, and the next start uses it", async () => {
    await writePlan(given);
    const cache = join(given.cwd, 'load.bundle.code-cache');
    const serveTwoWorkers = async (): Promise<void> => {
      const args = ['--workers', '2', '--dropin', given.dropins, '--load-plan', given.plan];
      served = givenWharfServe(args, { cwd: given.cwd });
      await served.logged(/listening on[\s\S]*listening on/);
      served.child.kill('SIGTERM');
      assert.equal(await served.exited, 0);
    };
    await serveTwoWorkers();
    const written = readFileSync(cache);
    const end = written.indexOf(0x0a);
    const header = JSON.parse(written.subarray(0, end).toString()) as { code: string };
    assert.equal(header.code, sha256(written.subarray(end + 1)), 'the cache is whole');
    assert.deepEqual(
      readdirSync(given.cwd).filter((name) => name.endsWith('.tmp')),
      [],
      'no temporary file left'
    );
    const { ino } = statSync(cache);
    await serveTwoWorkers();
    assert.equal(statSync(cache).ino, ino, 'the cache was used, not written again');
  });

  test('serves and warns once when the code cache cannot be written', async () => {
    await writePlan(given);
    const cache = join(given.cwd, 'load.bundle.code-cache');
    // A folder in the cache's place: renaming over it fails for root too.
    mkdirSync(join(cache, 'taken'), { recursive: true });
    served = givenWharfServe(['--dropin', given.dropins, '--load-plan', given.plan], {
      cwd: given.cwd
    });
    await served.listening();
    served.child.kill('SIGTERM');
    assert.equal(await served.exited, 0);
    const warnings = served.log().match(/cannot write the code cache[^\n]*/g) ?? [];
    assert.equal(warnings.length, 1, served.log());
    assert.ok(warnings[0]!.includes(cache), warnings[0]);
  });

  test('refuses a corrupt plan file, naming the file and the problem', async () => {
    await writePlan(given);
    const text = readFileSync(given.plan, 'utf8');
    writeFileSync(given.plan, text.slice(0, text.length / 2));
    assert.match(await refusedServe(given, 'WHARF_LOAD_PLAN_INVALID'), /cannot read it/);
    writeFileSync(given.plan, text.replace('"gadgets"', '"widgets"'));
    assert.match(await refusedServe(given, 'WHARF_LOAD_PLAN_INVALID'), /digest/);
    writeFileSync(given.plan, JSON.stringify({ format: '1.0', extensions: [] }));
    assert.match(await refusedServe(given, 'WHARF_LOAD_PLAN_INVALID'), /not a load plan/);
  });
});
