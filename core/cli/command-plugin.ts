/**
 * The contract of command plugins: every entry point of namespace `wharf.commands` is a
 * function `(program, helpers) => void` that adds its commands to the program, the way the
 * bundled compute library adds `wharf db migrate`. Types and the namespace only, so the
 * package root can export them without loading the command line (commander).
 */
import type { Command } from 'commander';
import type { CommonOptions } from './common-options.js';
import type { WharfConfig } from '../server/config.js';

/** Entry-point namespace of command plugins. */
export const COMMAND_NAMESPACE = 'wharf.commands';

/** What a command plugin receives to build commands like the built-in ones. */
export interface CommandHelpers {
  /** Adds `--config`, `--manifest` and `--dropin` to a command. */
  withCommonOptions(command: Command): Command;
  /**
   * Loads the configuration those options name, with `section.option` overrides, checked
   * against the options of wharf and of every plugin the manifest and drop-ins declare.
   */
  configFrom(
    options: CommonOptions,
    overrides?: Record<string, string | undefined>
  ): Promise<WharfConfig>;
}

/** A command plugin. */
export type CommandPlugin = (program: Command, helpers: CommandHelpers) => void;
