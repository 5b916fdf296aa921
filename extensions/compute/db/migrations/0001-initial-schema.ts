/**
 * Migration 0001: the compute tables: servers with their metadata, keypairs, flavors with
 * their extra specs, and the image catalogue.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { addAutoIncrementKey, timestampType, type MigrationDialect } from './column-types.js';

/** Creates every compute table and its indexes. */
export function initialSchema(dialect: MigrationDialect): Migration {
  const timestamp = timestampType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await addAutoIncrementKey(db.schema.createTable('servers'), 'internal_id', dialect)
        .addColumn('id', 'varchar(36)', (col) => col.notNull().unique())
        .addColumn('name', 'varchar(255)', (col) => col.notNull())
        .addColumn('project_id', 'varchar(255)', (col) => col.notNull())
        .addColumn('user_id', 'varchar(255)', (col) => col.notNull())
        .addColumn('vm_state', 'varchar(255)', (col) => col.notNull())
        .addColumn('task_state', 'varchar(255)')
        .addColumn('power_state', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('image_ref', 'varchar(255)', (col) => col.notNull().defaultTo(''))
        .addColumn('flavor_id', 'varchar(255)', (col) => col.notNull())
        .addColumn('key_name', 'varchar(255)')
        .addColumn('availability_zone', 'varchar(255)')
        .addColumn('host', 'varchar(255)')
        .addColumn('hypervisor_hostname', 'varchar(255)')
        .addColumn('access_ipv4', 'varchar(39)')
        .addColumn('access_ipv6', 'varchar(39)')
        .addColumn('config_drive', 'varchar(255)', (col) => col.notNull().defaultTo(''))
        .addColumn('disk_config', 'varchar(16)', (col) => col.notNull().defaultTo('MANUAL'))
        .addColumn('locked', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('locked_by', 'varchar(16)')
        .addColumn('created_at', timestamp, (col) => col.notNull())
        .addColumn('updated_at', timestamp)
        .addColumn('launched_at', timestamp)
        .addColumn('terminated_at', timestamp)
        .addColumn('deleted_at', timestamp)
        .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('servers_project_listing_idx')
        .on('servers')
        .columns(['project_id', 'deleted', 'created_at'])
        .execute();

      await db.schema
        .createTable('server_metadata')
        .addColumn('server_id', 'varchar(36)', (col) =>
          col.notNull().references('servers.id').onDelete('cascade')
        )
        .addColumn('key', 'varchar(255)', (col) => col.notNull())
        .addColumn('value', 'varchar(255)', (col) => col.notNull())
        .addPrimaryKeyConstraint('server_metadata_pk', ['server_id', 'key'])
        .execute();

      await addAutoIncrementKey(db.schema.createTable('keypairs'), 'id', dialect)
        .addColumn('name', 'varchar(255)', (col) => col.notNull())
        .addColumn('user_id', 'varchar(255)', (col) => col.notNull())
        .addColumn('project_id', 'varchar(255)')
        .addColumn('public_key', 'text', (col) => col.notNull())
        .addColumn('fingerprint', 'varchar(255)', (col) => col.notNull())
        .addColumn('type', 'varchar(8)', (col) => col.notNull().defaultTo('ssh'))
        .addColumn('created_at', timestamp, (col) => col.notNull())
        .addColumn('updated_at', timestamp)
        .addColumn('deleted_at', timestamp)
        .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();
      // Unique among live rows only: a deleted keypair's name can be taken again.
      await db.schema
        .createIndex('keypairs_user_name_live_uq')
        .unique()
        .on('keypairs')
        .columns(['user_id', 'name'])
        .where(sql.ref('deleted'), '=', 0)
        .execute();

      await db.schema
        .createTable('flavors')
        .addColumn('id', 'varchar(255)', (col) => col.primaryKey())
        .addColumn('name', 'varchar(255)', (col) => col.notNull().unique())
        .addColumn('ram', 'integer', (col) => col.notNull())
        .addColumn('vcpus', 'integer', (col) => col.notNull())
        .addColumn('disk', 'integer', (col) => col.notNull())
        .addColumn('swap', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('ephemeral', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('rxtx_factor', 'double precision', (col) => col.notNull().defaultTo(1))
        .addColumn('is_public', 'integer', (col) => col.notNull().defaultTo(1))
        .addColumn('disabled', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('created_at', timestamp, (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('flavor_extra_specs')
        .addColumn('flavor_id', 'varchar(255)', (col) =>
          col.notNull().references('flavors.id').onDelete('cascade')
        )
        .addColumn('key', 'varchar(255)', (col) => col.notNull())
        .addColumn('value', 'varchar(255)', (col) => col.notNull())
        .addPrimaryKeyConstraint('flavor_extra_specs_pk', ['flavor_id', 'key'])
        .execute();

      await db.schema
        .createTable('images')
        .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
        .addColumn('name', 'varchar(255)', (col) => col.notNull())
        .addColumn('status', 'varchar(30)', (col) => col.notNull())
        .addColumn('min_disk', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('min_ram', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('size', 'bigint', (col) => col.notNull().defaultTo(0))
        .addColumn('metadata', 'text', (col) => col.notNull().defaultTo('{}'))
        .addColumn('created_at', timestamp, (col) => col.notNull())
        .addColumn('updated_at', timestamp, (col) => col.notNull())
        .execute();
    }
  };
}
