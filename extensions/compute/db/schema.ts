/**
 * The typed tables of the compute database, as Kysely sees them. Flags are integers (0/1) on
 * every backend, timestamps are written as ISO strings and read back as strings (SQLite) or
 * Dates (PostgreSQL `timestamptz`); the repositories convert both into domain records.
 * Columns with a database default are `Generated`, so inserts may leave them out.
 */
import type { ColumnType, Generated, Selectable, Transaction, Updateable } from 'kysely';

/** A timestamp column: written as an ISO string, read as a string or a Date. */
export type Timestamp = ColumnType<string | Date, string, string>;
/** A nullable timestamp column. */
export type NullableTimestamp = ColumnType<string | Date | null, string | null, string | null>;
/** A 64-bit integer column: PostgreSQL's driver reads `bigint` as a string. */
export type BigIntColumn = ColumnType<number | string, number, number>;

/** `servers`: one row per server (nova's `instances`). */
export interface ServersTable {
  internal_id: Generated<number>;
  id: string;
  name: string;
  project_id: string;
  user_id: string;
  vm_state: string;
  task_state: string | null;
  power_state: number;
  image_ref: string;
  flavor_id: string;
  key_name: string | null;
  availability_zone: string | null;
  host: string | null;
  hypervisor_hostname: string | null;
  access_ipv4: string | null;
  access_ipv6: string | null;
  config_drive: string;
  disk_config: string;
  locked: Generated<number>;
  locked_by: string | null;
  created_at: Timestamp;
  updated_at: NullableTimestamp;
  launched_at: NullableTimestamp;
  terminated_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  deleted: Generated<number>;
}

/** `server_metadata`: key/value pairs per server, unique per (server_id, key). */
export interface ServerMetadataTable {
  server_id: string;
  key: string;
  value: string;
}

/** `keypairs`: per user; names are unique among a user's non-deleted keypairs. */
export interface KeypairsTable {
  id: Generated<number>;
  name: string;
  user_id: string;
  project_id: string | null;
  public_key: string;
  fingerprint: string;
  type: string;
  created_at: Timestamp;
  updated_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  deleted: Generated<number>;
}

/** `flavors`: hardware templates; `id` is nova's string `flavorid`. */
export interface FlavorsTable {
  id: string;
  name: string;
  ram: number;
  vcpus: number;
  disk: number;
  swap: Generated<number>;
  ephemeral: Generated<number>;
  rxtx_factor: Generated<number>;
  is_public: Generated<number>;
  disabled: Generated<number>;
  created_at: Timestamp;
}

/** `flavor_extra_specs`: key/value pairs per flavor. */
export interface FlavorExtraSpecsTable {
  flavor_id: string;
  key: string;
  value: string;
}

/** `images`: the read-only image catalogue; `metadata` is a JSON object of strings. */
export interface ImagesTable {
  id: string;
  name: string;
  status: string;
  min_disk: number;
  min_ram: number;
  size: BigIntColumn;
  metadata: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** `quotas`: a project's own limit for one resource (-1 unlimited); absent means the default. */
export interface QuotasTable {
  project_id: string;
  resource: string;
  hard_limit: number;
  created_at: Timestamp;
  updated_at: NullableTimestamp;
}

/** Every table of the compute database. */
/** `project_usage`: what a project's live servers use, kept by every server create and delete. */
export interface ProjectUsageTable {
  project_id: string;
  instances: number;
  cores: number;
  ram: number;
}

export interface ComputeTables {
  servers: ServersTable;
  server_metadata: ServerMetadataTable;
  keypairs: KeypairsTable;
  flavors: FlavorsTable;
  flavor_extra_specs: FlavorExtraSpecsTable;
  images: ImagesTable;
  quotas: QuotasTable;
  project_usage: ProjectUsageTable;
}

/** A server row as read. */
export type ServerRow = Selectable<ServersTable>;
/** The columns of a server row an update may set. */
export type ServerChanges = Updateable<ServersTable>;

/** A transaction over the compute tables. */
export type ComputeTransaction = Transaction<ComputeTables>;
