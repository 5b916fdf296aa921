/**
 * The first step of assembling a host, on its own so that commands which stop there (`wharf
 * extensions list` of plugin namespaces) import neither Express nor the API layer: the root
 * logger, the entry-point catalog and the host container holding both and the configuration.
 * The container (and tsyringe) is created when first asked for: listing plain plugins never
 * asks.
 */
import type { DependencyContainer } from 'tsyringe';
import { createLogger, type Logger } from '../logger.js';
import { EntryPointCatalog } from '../plugins/catalog.js';
import type { DiscoveryOptions } from '../plugins/discovery.js';
import { tsyringe } from '../plugins/tsyringe-module.js';
import { CONFIG, ENTRY_POINT_CATALOG, LOGGER } from '../tokens.js';
import type { WharfConfig } from './config.js';
import { hostDiscovery } from './host-config.js';
import type { HostOptions } from './host.js';

/** The host container and what it holds before any API is built. */
export interface HostBase {
  /** The configuration the host was assembled from. */
  config: WharfConfig;
  /** The root logger. */
  logger: Logger;
  /** The host container extensions are built from (logger, configuration, catalog). */
  container: DependencyContainer;
  /** Every entry point discovered: bundled, installed and drop-in. */
  catalog: EntryPointCatalog;
}

/** Where a host's entry points are discovered: its manifest and drop-in folders, resolved. */
export function discoveryOf(options: HostOptions): Required<DiscoveryOptions> {
  return hostDiscovery(options.config, options);
}

/**
 * Discovers entry points (or takes `options.catalog`) and fills the host container
 * (logger, configuration, catalog).
 */
export async function prepareHost(options: HostOptions): Promise<HostBase> {
  const { config } = options;
  const logger =
    options.logger ??
    createLogger({ level: config.DEFAULT.log_level, format: config.DEFAULT.log_format });
  const discovered = options.catalog ?? (await EntryPointCatalog.discover(discoveryOf(options)));
  const catalog = options.entryPoints?.length ? discovered.with(options.entryPoints) : discovered;
  for (const problem of catalog.problems) logger.warn(problem.message);
  let container: DependencyContainer | undefined;
  return {
    config,
    logger,
    catalog,
    get container(): DependencyContainer {
      if (!container) {
        container = tsyringe().container.createChildContainer();
        container.register(LOGGER, { useValue: logger });
        container.register(CONFIG, { useValue: config });
        container.register(ENTRY_POINT_CATALOG, { useValue: catalog });
      }
      return container;
    }
  };
}
