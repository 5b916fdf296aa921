// Writes the option tables of docs/configuration.md from the option registry (wharf's own
// options and those the bundled manifest's `wharf.config.options` groups declare). Run after
// `npm run build`; tests/unit/config/config-docs.test.ts fails while the page is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { EntryPointCatalog } from '../dist/core/index.js';
import { OptionRegistry } from '../dist/core/server/option-registry.js';
import { withOptionTables } from '../dist/core/server/config-docs.js';

const page = 'docs/configuration.md';
const catalog = await EntryPointCatalog.discover({ scanNodeModules: false, cacheDir: null });
const registry = await OptionRegistry.discover(catalog);
writeFileSync(page, withOptionTables(readFileSync(page, 'utf8'), registry));
