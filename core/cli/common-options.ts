/**
 * Options every command accepts (`--config`, `--manifest`, `--dropin`) and how they become
 * the host's configuration. Drop-in folders can also come from the environment
 * (`WHARF_DROPINS`, separated by the platform's path delimiter).
 */
import { delimiter } from 'node:path';
import { Option, type Command } from './commander.js';
import type { WharfConfig } from '../server/config.js';
import type { HostOptions } from '../server/host.js';

/** The raw values of the common options. */
export interface CommonOptions {
  /** `--config`: the wharf.conf file. */
  config?: string;
  /** `--manifest`: the project's entry-points manifest. */
  manifest?: string;
  /** `--dropin` (repeatable): drop-in folders of extension packages. */
  dropin: string[];
}

/** Adds the common options to a command. */
export function withCommonOptions(command: Command): Command {
  return command
    .addOption(new Option('--config <file>', 'wharf.conf (default: built-in defaults)'))
    .addOption(
      new Option('--manifest <file>', 'project entry-points manifest (default: the bundled one)')
    )
    .addOption(
      new Option('--dropin <dir>', 'drop-in folder of extension packages (repeatable)')
        .argParser((value: string, previous: string[] = []) => [...previous, value])
        .default([])
    );
}

/**
 * Loads the configuration the options name, with `section.option` overrides from flags,
 * checked against wharf's options and those of every plugin the options' manifest and
 * drop-ins declare.
 */
export async function configFrom(
  options: CommonOptions,
  overrides: Record<string, string | undefined> = {}
): Promise<WharfConfig> {
  return (await hostOptionsFrom(options, overrides)).config;
}

/**
 * Host options from the common options (configuration, manifest, drop-ins); with `loadPlan`,
 * the catalog of that load plan, proved fresh and its bundle imported, instead of one
 * discovered (`loadHostConfigFromPlan`: LoadPlanFileError or LoadPlanStaleError otherwise).
 */
export async function hostOptionsFrom(
  options: CommonOptions,
  overrides: Record<string, string | undefined> = {},
  loadPlan?: string
): Promise<HostOptions> {
  const { sources, discovery } = configSourcesOf(options, overrides);
  // Imported here, not at the top: registering commands (`wharf --help`) needs none of it.
  const { loadHostConfig, loadHostConfigFromPlan } = await import('../server/host-config.js');
  if (loadPlan !== undefined) {
    return {
      ...(await loadHostConfigFromPlan(loadPlan, { ...sources, ...discovery })),
      ...discovery
    };
  }
  return { config: await loadHostConfig({ ...sources, ...discovery }), ...discovery };
}

/**
 * Host options as `hostOptionsFrom` makes them, with only wharf's own options read and
 * checked (the extensions' option groups are passed over, so no plugin is discovered or
 * imported): for a process that builds no host, `wharf serve`'s primary, whose workers each
 * load and check the whole configuration.
 */
export async function coreHostOptionsFrom(
  options: CommonOptions,
  overrides: Record<string, string | undefined> = {}
): Promise<HostOptions> {
  const { sources, discovery } = configSourcesOf(options, overrides);
  const { loadCoreConfigLeniently } = await import('../server/config.js');
  return { config: loadCoreConfigLeniently(sources), ...discovery };
}

/** The configuration file and flag overrides, and the discovery folders, the options name. */
function configSourcesOf(
  options: CommonOptions,
  overrides: Record<string, string | undefined>
): {
  sources: { file?: string; overrides: Record<string, string> };
  discovery: { manifest?: string; dropins: string[] };
} {
  const flags = Object.fromEntries(
    Object.entries(overrides).filter((entry): entry is [string, string] => entry[1] !== undefined)
  );
  const fromEnv = (process.env.WHARF_DROPINS ?? '').split(delimiter).filter(Boolean);
  return {
    sources: { ...(options.config ? { file: options.config } : {}), overrides: flags },
    discovery: {
      ...(options.manifest ? { manifest: options.manifest } : {}),
      dropins: [...options.dropin, ...fromEnv]
    }
  };
}
