/**
 * `loadHostConfigFromPlan`, how `wharf serve --load-plan` loads its configuration: the plan
 * is proved against wharf's own options and its bundle imported first, then the plugins'
 * option groups come from the plan's catalog and bundle (no entry point discovered, each
 * option module evaluated once), a plugin's options are still checked, and a stale plan is
 * refused before any of its modules is imported.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeLoadPlan } from '../../../core/cli/load-plan-file.js';
import { CODES } from '../../../core/errors/codes.js';
import { EntryPointCatalog } from '../../../core/plugins/catalog.js';
import { resolveDiscoveryOptions } from '../../../core/plugins/discovery.js';
import { loadHostConfigFromPlan } from '../../../core/server/host-config.js';

/** The global the drop-in's option module counts its evaluations in. */
const RUNS = 'wharfTestTunedOptionRuns';

interface Given {
  plan: string;
  /** The configuration sources of a host of the plan. */
  overrides: Record<string, string>;
  dropins: string;
  optionModule: string;
}

/** A drop-in package declaring the option group `tuned`, and a load plan of it. */
async function givenPlanWithOptions(): Promise<Given> {
  const root = mkdtempSync(join(tmpdir(), 'wharf-plan-config-'));
  const dropins = join(root, 'dropins');
  const pkg = join(dropins, 'tuned');
  mkdirSync(pkg, { recursive: true });
  const optionModule = join(pkg, 'options.js');
  writeFileSync(
    optionModule,
    [
      `import { defineOptions } from 'wharf';`,
      `globalThis.${RUNS} = (globalThis.${RUNS} ?? 0) + 1;`,
      `export const TUNED = defineOptions('tuned', [`,
      `  { section: 'tuned', name: 'level', type: 'int', default: 1, help: 'A level.' }`,
      `]);`,
      ``
    ].join('\n')
  );
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: 'tuned',
      version: '1.0.0',
      type: 'module',
      wharf: { entryPoints: { 'wharf.config.options': { tuned: './options.js:TUNED' } } }
    })
  );
  // A project manifest of its own declaring nothing, so that only the drop-in is bundled.
  const manifest = join(root, 'entry-points.json');
  writeFileSync(manifest, '{}\n');
  const plan = join(root, 'load.json');
  await writeLoadPlan(plan, resolveDiscoveryOptions({ manifest, dropins: [dropins] }));
  return { plan, overrides: { 'extensions.manifest': manifest }, dropins, optionModule };
}

describe('loadHostConfigFromPlan', () => {
  test("reads the plugins' options from the plan's catalog and bundle, discovering nothing", async (t) => {
    const given = await givenPlanWithOptions();
    const discover = t.mock.method(EntryPointCatalog, 'discover');
    const { config, catalog } = await loadHostConfigFromPlan(given.plan, {
      env: {},
      overrides: { ...given.overrides, 'tuned.level': '5' },
      dropins: [given.dropins]
    });
    assert.equal(discover.mock.callCount(), 0);
    assert.equal((config as unknown as { tuned: { level: number } }).tuned.level, 5);
    assert.deepEqual(
      catalog.list('wharf.config.options').map((entryPoint) => entryPoint.name),
      ['tuned']
    );
    // Imported once, from the bundle: not also from its file for the configuration.
    assert.equal((globalThis as Record<string, unknown>)[RUNS], 1);
  });

  test('still refuses an option the plugin does not declare', async () => {
    const given = await givenPlanWithOptions();
    await assert.rejects(
      loadHostConfigFromPlan(given.plan, {
        env: {},
        overrides: { ...given.overrides, 'tuned.lever': '5' },
        dropins: [given.dropins]
      }),
      (error: Error & { code?: string }) => error.code === CODES.WHARF_CONFIG_INVALID
    );
  });

  test('refuses a stale plan before importing its modules', async () => {
    const given = await givenPlanWithOptions();
    appendFileSync(given.optionModule, '// edited\n');
    const before = (globalThis as Record<string, unknown>)[RUNS];
    await assert.rejects(
      loadHostConfigFromPlan(given.plan, {
        env: {},
        overrides: given.overrides,
        dropins: [given.dropins]
      }),
      (error: Error & { code?: string }) =>
        error.code === CODES.WHARF_LOAD_PLAN_STALE && error.message.includes(given.optionModule)
    );
    assert.equal((globalThis as Record<string, unknown>)[RUNS], before);
  });
});
