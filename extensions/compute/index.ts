/**
 * The compute library the bundled OpenStack Compute extensions share: the database and its
 * migrations, one repository per aggregate, keypair cryptography, the driver contract with
 * the fake driver, the server state machine and the compute API tying them together.
 */
export { openDatabase } from './db/database.js';
export type { ComputeDatabase, OpenDatabaseOptions } from './db/database.js';
export { parseConnectionString } from './db/connection-string.js';
export type { DatabaseTarget } from './db/connection-string.js';
export { migrateToLatest, MIGRATION_TABLE } from './db/migrator.js';
export { DEFAULT_FLAVORS, CATALOGUE_IMAGES } from './db/migrations/0002-seed-catalogue.js';
export type * from './db/schema.js';
export * from './errors.js';
export type * from './models.js';
export { ServerRepository } from './repositories/server-repository.js';
export type {
  CreateServerInput,
  ListServersFilters,
  ServerUpdate
} from './repositories/server-repository.js';
export type { StateChange, StateExpectation } from './repositories/server-transition.js';
export { ServerMetadataRepository } from './repositories/server-metadata-repository.js';
export { KeypairRepository } from './repositories/keypair-repository.js';
export type { CreateKeypairInput, ListKeypairsOptions } from './repositories/keypair-repository.js';
export { FlavorRepository } from './repositories/flavor-repository.js';
export type { ListFlavorsFilters } from './repositories/flavor-repository.js';
export { ImageRepository } from './repositories/image-repository.js';
export type { ListImagesFilters } from './repositories/image-repository.js';
export { instanceName } from './repositories/server-row.js';
export { generateKeypair, parsePublicKey, fingerprintOf } from './keypair-crypto.js';
export type { GeneratedKeypair, ParsedPublicKey } from './keypair-crypto.js';
export { DRIVER_NAMESPACE } from './driver.js';
export type { ComputeDriver, DriverResult, SpawnResult } from './driver.js';
export { FakeDriver } from './fake-driver.js';
export type { FakeDriverOptions } from './fake-driver.js';
export * from './server-states.js';
export { ComputeAPI } from './compute-api.js';
export type { PowerAction } from './compute-api.js';
export { ComputeServices } from './services.js';
export type { ComputeBackend } from './services.js';
export { PolicyEnforcer } from './policy/enforcer.js';
export type { PolicyTarget } from './policy/enforcer.js';
export { DEFAULT_RULES } from './policy/defaults.js';
export { parseRule } from './policy/rule.js';
export { ComputeExtension } from './compute-extension.js';
export { ServerActionsController, ServerActionsExtension } from './server-actions-extension.js';
