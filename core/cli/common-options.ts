/**
 * Options every command accepts (`--manifest`, `--dropin`) and how they become discovery
 * options. Drop-in folders can also come from the environment (`WHARF_DROPINS`, separated
 * by the platform's path delimiter).
 */
import { delimiter } from 'node:path';
import { Option, type Command } from 'commander';
import type { CatalogOptions } from '../plugins/index.js';

/** The raw values of the common options. */
export interface CommonOptions {
  manifest?: string;
  dropin: string[];
}

/** Adds the common options to a command. */
export function withCommonOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--manifest <file>', 'project entry-points manifest (default: the bundled one)')
    )
    .addOption(
      new Option('--dropin <dir>', 'drop-in folder of extension packages (repeatable)')
        .argParser((value: string, previous: string[] = []) => [...previous, value])
        .default([])
    );
}

/** Turns the common options into discovery options. */
export function discoveryFrom(options: CommonOptions): CatalogOptions {
  const fromEnv = (process.env.WHARF_DROPINS ?? '').split(delimiter).filter(Boolean);
  return {
    ...(options.manifest ? { manifest: options.manifest } : {}),
    dropins: [...options.dropin, ...fromEnv]
  };
}
