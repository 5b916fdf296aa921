/**
 * The compute library's storage: the database and its migrations, the catalogue it seeds,
 * and one repository per aggregate. Kept out of the library's root (index.ts) because it
 * loads Kysely and the database drivers: extensions reach storage through
 * `ComputeServices.backend()`, which imports it on first use; the `db` command and tests
 * import it directly.
 */
export type { ComputeBackend } from './backend.js';
export { openDatabase } from './db/database.js';
export type { ComputeDatabase, OpenDatabaseOptions } from './db/database.js';
export { parseConnectionString } from './db/connection-string.js';
export type { DatabaseTarget } from './db/connection-string.js';
export { migrateToLatest, MIGRATION_TABLE } from './db/migrator.js';
export { DEFAULT_FLAVORS, CATALOGUE_IMAGES } from './db/migrations/0002-seed-catalogue.js';
export type * from './db/schema.js';
export type { Work, WorkGuard } from './db/transaction-work.js';
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
export { QuotaRepository } from './repositories/quota-repository.js';
export { ImageRepository } from './repositories/image-repository.js';
export type { ListImagesFilters } from './repositories/image-repository.js';
