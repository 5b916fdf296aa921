/**
 * Loading a host's configuration with its plugins' options: wharf's own options are read
 * first (they say where the manifest and drop-ins are), the catalog is discovered from
 * them (or taken from a load plan proved against them), every option group under
 * `wharf.config.options` is imported, and then everything, wharf.conf, the environment and
 * flags, is checked against all of them.
 */
import { EntryPointCatalog } from '../plugins/catalog.js';
import { resolveDiscoveryOptions, type DiscoveryOptions } from '../plugins/discovery.js';
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
  /** The catalog whose option groups count (a load plan's); absent, it is discovered. */
  catalog?: EntryPointCatalog;
}

/** Loads and checks the configuration against wharf's options and every plugin's. */
export async function loadHostConfig(options: HostConfigOptions = {}): Promise<WharfConfig> {
  return loadConfig({ ...options, registry: await hostOptionRegistry(options) });
}

/** The option registry of the host these options describe: wharf's groups and its plugins'. */
export async function hostOptionRegistry(options: HostConfigOptions = {}): Promise<OptionRegistry> {
  const catalog =
    options.catalog ??
    (await EntryPointCatalog.discover(hostDiscovery(loadCoreConfigLeniently(options), options)));
  return OptionRegistry.discover(catalog);
}

/**
 * The configuration of a host that starts from the load plan `file`, and the plan's catalog:
 * wharf's own options are read first, the plan is proved fresh for the discovery options they
 * give and its bundle imported (LoadPlanFileError or LoadPlanStaleError otherwise), then
 * everything is checked against wharf's options and those of the plan's plugins, their
 * modules taken from the bundle. No entry point is discovered.
 */
export async function loadHostConfigFromPlan(
  file: string,
  options: HostConfigOptions = {}
): Promise<{ config: WharfConfig; catalog: EntryPointCatalog }> {
  // Imported here: only a start from a plan needs the plan's checks.
  const { startFromLoadPlan } = await import('../plugins/load-plan-check.js');
  const core = loadCoreConfigLeniently(options);
  const catalog = await startFromLoadPlan(file, hostDiscovery(core, options));
  return { config: await loadHostConfig({ ...options, catalog }), catalog };
}

/**
 * Where a host's entry points are discovered, resolved: the manifest and drop-in folders of
 * `options` (given in code or on the command line) over those of `config`.
 */
export function hostDiscovery(
  config: WharfConfig,
  options: Pick<HostConfigOptions, 'manifest' | 'dropins'>
): Required<DiscoveryOptions> {
  return resolveDiscoveryOptions({
    manifest: options.manifest ?? config.extensions.manifest,
    dropins: dropinDirsOf(config, options.dropins)
  });
}

/**
 * The drop-in folders a host looks in: the configuration's `[extensions] dropin_dirs`
 * followed by those given on the command line (`--dropin`) or in code.
 */
export function dropinDirsOf(config: WharfConfig, dropins: readonly string[] = []): string[] {
  return [...config.extensions.dropin_dirs, ...dropins];
}
