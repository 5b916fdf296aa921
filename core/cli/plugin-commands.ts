/**
 * Registering the commands contributed by extension packages (see command-plugin.ts): a
 * command plugin that fails to load or to register is logged and skipped; the built-in
 * commands always work.
 */
import type { Command } from 'commander';
import { defaultLogger } from '../logger.js';
import { EntryPointCatalog } from '../plugins/catalog.js';
import { ExtensionManager } from '../plugins/extension-manager.js';
import { COMMAND_NAMESPACE, type CommandHelpers, type CommandPlugin } from './command-plugin.js';
import { configFrom, withCommonOptions } from './common-options.js';

const helpers: CommandHelpers = { withCommonOptions, configFrom };

/**
 * Registers the commands of every `wharf.commands` entry point of `catalog` (default: what
 * default discovery finds).
 */
export async function registerPluginCommands(
  program: Command,
  catalog?: EntryPointCatalog
): Promise<void> {
  catalog ??= await EntryPointCatalog.discover();
  const manager = await ExtensionManager.create<never>(COMMAND_NAMESPACE, {
    catalog,
    verify: (plugin) => {
      if (typeof plugin !== 'function')
        throw new TypeError('a command plugin must be a function (program, helpers) => void');
    }
  });
  for (const extension of manager) {
    try {
      (extension.plugin as CommandPlugin)(program, helpers);
    } catch (error) {
      defaultLogger().error(
        `command plugin ${extension.name} (${extension.target}) failed: ${(error as Error).message}`
      );
    }
  }
}
