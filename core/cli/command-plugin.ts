/**
 * The contract of command plugins: every entry point of namespace `wharf.commands` is a
 * function `(program, helpers) => void` that adds its commands to the program, the way the
 * bundled compute library adds `wharf db migrate`. Types and the namespace only, so the
 * package root can export them without loading the command line (commander).
 */
import type { Command } from 'commander';
import type { configFrom, hostOptionsFrom, withCommonOptions } from './common-options.js';

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
