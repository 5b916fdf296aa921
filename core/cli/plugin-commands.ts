/**
 * Commands contributed by extension packages: every entry point of namespace
 * `wharf.commands` is a function `(program, helpers) => void` that adds its commands to the
 * program, the way the bundled compute library adds `wharf db migrate`. A command plugin
 * that fails to load is logged and skipped; the built-in commands always work.
 */
import type { Command } from 'commander';
import { defaultLogger } from '../logger.js';
import { EntryPointCatalog, ExtensionManager } from '../plugins/index.js';
import { configFrom, hostOptionsFrom, withCommonOptions } from './common-options.js';

/** Entry-point namespace of command plugins. */
export const COMMAND_NAMESPACE = 'wharf.commands';

/** What a command plugin receives to build commands like the built-in ones. */
export interface CommandHelpers {
  /** Adds `--config`, `--manifest` and `--dropin`. */
  withCommonOptions: typeof withCommonOptions;
  /** Loads the configuration those options name. */
  configFrom: typeof configFrom;
  /** Host options (configuration, manifest, drop-ins) from those options. */
  hostOptionsFrom: typeof hostOptionsFrom;
}

/** A command plugin. */
export type CommandPlugin = (program: Command, helpers: CommandHelpers) => void;

const helpers: CommandHelpers = { withCommonOptions, configFrom, hostOptionsFrom };

/** Registers the commands of every `wharf.commands` entry point found by default discovery. */
export async function registerPluginCommands(program: Command): Promise<void> {
  const logger = defaultLogger();
  const catalog = await EntryPointCatalog.discover();
  const manager = await ExtensionManager.create<never>(COMMAND_NAMESPACE, {
    catalog,
    logger,
    verify: (plugin) => {
      if (typeof plugin !== 'function')
        throw new TypeError('a command plugin must be a function (program, helpers) => void');
    }
  });
  for (const extension of manager) {
    try {
      (extension.plugin as CommandPlugin)(program, helpers);
    } catch (error) {
      logger.error(
        `command plugin ${extension.name} (${extension.target}) failed: ${(error as Error).message}`
      );
    }
  }
}
