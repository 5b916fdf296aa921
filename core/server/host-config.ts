/**
 * Loading a host's configuration with its plugins' options: wharf's own options are read
 * first (they say where the manifest and drop-ins are), the catalog is discovered from
 * them, every option group under `wharf.config.options` is imported, and then everything,
 * wharf.conf, the environment and flags, is checked against all of them.
 */
import { EntryPointCatalog } from '../plugins/catalog.js';
import {
  loadConfig,
  loadCoreConfigLeniently,
  type LoadConfigOptions,
  type WharfConfig
} from './config.js';
import { OptionRegistry } from './option-registry.js';

/** Configuration sources plus the discovery overrides a host is assembled with. */
export interface HostConfigOptions extends Omit<LoadConfigOptions, 'registry'> {
  /** Replaces `[extensions] manifest`. */
  manifest?: string;
  /** Added to `[extensions] dropin_dirs`. */
  dropins?: readonly string[];
}

/** Loads and checks the configuration against wharf's options and every plugin's. */
export async function loadHostConfig(options: HostConfigOptions = {}): Promise<WharfConfig> {
  return loadConfig({ ...options, registry: await hostOptionRegistry(options) });
}

/** The option registry of the host these options describe: wharf's groups and its plugins'. */
export async function hostOptionRegistry(options: HostConfigOptions = {}): Promise<OptionRegistry> {
  const core = loadCoreConfigLeniently(options);
  const catalog = await EntryPointCatalog.discover({
    manifest: options.manifest ?? core.extensions.manifest,
    dropins: dropinDirsOf(core, options.dropins)
  });
  return OptionRegistry.discover(catalog);
}

/**
 * The drop-in folders a host looks in: the configuration's `[extensions] dropin_dirs`
 * followed by those given on the command line (`--dropin`) or in code.
 */
export function dropinDirsOf(config: WharfConfig, dropins: readonly string[] = []): string[] {
  return [...config.extensions.dropin_dirs, ...dropins];
}
