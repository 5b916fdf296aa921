/**
 * The compute backend: the database (opened and migrated), one repository per aggregate,
 * and the compute API over the configured driver (a DriverManager over
 * `wharf.compute.drivers`). ComputeServices imports this module on first use, so the
 * storage stack loads only when a compute request needs it.
 */
import { DriverManager, type EntryPointCatalog, type Logger, type WharfConfig } from 'wharf';
import { ComputeAPI } from './compute-api.js';
import { openDatabase, type ComputeDatabase } from './db/database.js';
import { DRIVER_NAMESPACE, type ComputeDriver } from './driver.js';
import { FlavorRepository } from './repositories/flavor-repository.js';
import { ImageRepository } from './repositories/image-repository.js';
import { KeypairRepository } from './repositories/keypair-repository.js';
import { ServerMetadataRepository } from './repositories/server-metadata-repository.js';
import { busyTimeoutMsOf, COMPUTE_OPTIONS, poolOptionsOf } from './options.js';
import { QuotaRepository } from './repositories/quota-repository.js';
import { ServerRepository } from './repositories/server-repository.js';
import { quotaDefaults } from './quotas.js';
import { warmUp } from './warm-up.js';

/** Everything opened once per host configuration. */
export interface ComputeBackend {
  database: ComputeDatabase;
  servers: ServerRepository;
  metadata: ServerMetadataRepository;
  keypairs: KeypairRepository;
  flavors: FlavorRepository;
  images: ImageRepository;
  /** Limits, usage and the write guards of the quotas. */
  quotas: QuotaRepository;
  compute: ComputeAPI;
}

/** What a backend is opened from. */
export interface BackendSources {
  config: WharfConfig;
  /** Where the driver's entry point is found. */
  catalog: EntryPointCatalog;
  logger: Logger;
}

/**
 * Opens and migrates the database of `[database] connection`, loads `[compute] driver`, and
 * warms every read path (warm-up.ts), so nothing is left for the first request to do.
 */
export async function openComputeBackend({
  config,
  catalog,
  logger
}: BackendSources): Promise<ComputeBackend> {
  const options = COMPUTE_OPTIONS.of(config);
  const database = await openDatabase(options.database.connection, {
    migrate: true,
    logger,
    pool: poolOptionsOf(options.database),
    busyTimeoutMs: busyTimeoutMsOf(options.database)
  });
  const drivers = await DriverManager.create<ComputeDriver>(DRIVER_NAMESPACE, {
    name: options.compute.driver,
    invokeOnLoad: true,
    catalog,
    logger
  });
  const servers = new ServerRepository(database);
  const backend: ComputeBackend = {
    database,
    servers,
    metadata: new ServerMetadataRepository(database),
    keypairs: new KeypairRepository(database),
    flavors: new FlavorRepository(database),
    images: new ImageRepository(database),
    quotas: new QuotaRepository(
      database,
      quotaDefaults(config),
      options.quota.max_servers_per_request
    ),
    compute: new ComputeAPI(servers, drivers.driver, logger)
  };
  await warmUp(backend);
  return backend;
}
