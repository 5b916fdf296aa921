/**
 * `wharf --help` lists the bundled plugins' commands from an index instead of loading them
 * (core/cli/bundled-plugin-commands.ts): this registers the real command plugins of the
 * bundled manifest and fails when the index names other commands or other summaries.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUNDLED_PLUGIN_COMMANDS } from '../../../core/cli/bundled-plugin-commands.js';
import { Command } from '../../../core/cli/commander.js';
import { registerPluginCommands } from '../../../core/cli/plugin-commands.js';
import { BUNDLED_MANIFEST, EntryPointCatalog } from '../../../core/plugins/index.js';

describe('the index of the bundled command plugins', () => {
  test('is exactly the top-level commands and summaries the bundled plugins add', async () => {
    const catalog = await EntryPointCatalog.discover({
      manifest: BUNDLED_MANIFEST,
      scanNodeModules: false,
      cacheDir: null
    });
    const program = new Command('wharf');
    await registerPluginCommands(program, catalog);
    const added = program.commands.map((command) => ({
      name: command.name(),
      summary: command.description()
    }));
    assert.ok(added.length > 0, 'the bundled manifest declares command plugins');
    assert.deepEqual(added, BUNDLED_PLUGIN_COMMANDS);
  });
});
