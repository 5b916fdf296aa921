import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { EntryPointCatalog } from '../../../core/plugins/catalog.js';
import { describeOptions } from '../../../core/server/config-options.js';
import { GENERATED_BEGIN, withOptionTables } from '../../../core/server/config-docs.js';
import { loadConfig } from '../../../core/server/config.js';
import { OptionRegistry } from '../../../core/server/option-registry.js';

const DOC = new URL('../../../../docs/configuration.md', import.meta.url);

/** wharf's options and those of the bundled manifest's option groups. */
async function givenBundledRegistry(): Promise<OptionRegistry> {
  const catalog = await EntryPointCatalog.discover({ scanNodeModules: false, cacheDir: null });
  return OptionRegistry.discover(catalog);
}

describe('docs/configuration.md', () => {
  test('holds the option tables generated from the registry (npm run docs:config)', async () => {
    const page = readFileSync(DOC, 'utf8');
    assert.ok(page.includes(GENERATED_BEGIN));
    assert.equal(page, withOptionTables(page, await givenBundledRegistry()));
  });

  test("lists the compute extensions' options, which core does not declare", async () => {
    const page = readFileSync(DOC, 'utf8');
    for (const section of ['database', 'compute', 'quota', 'policy']) {
      assert.match(page, new RegExp(`## \\[${section}\\]\\n\\nDeclared by \`compute\``));
      assert.ok(!OptionRegistry.core().sections().includes(section), section);
    }
  });

  test('describes each option with a type, a default and help', async () => {
    for (const option of describeOptions(await givenBundledRegistry())) {
      assert.ok(option.type && option.default && option.help, `${option.section}.${option.name}`);
    }
  });

  test('ships the default paste file the default configuration points at', () => {
    assert.ok(existsSync(loadConfig({ env: {} }).wsgi.api_paste_config));
  });
});
