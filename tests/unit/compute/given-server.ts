/** Servers for the compute suites: a valid create input for a scope, and a way to age rows. */
import { randomUUID } from 'node:crypto';
import type {
  ComputeDatabase,
  CreateServerInput,
  Scope
} from '../../../extensions/compute/index.js';
import { CATALOGUE_IMAGES } from '../../../extensions/compute/storage.js';

/** A create input owned by `scope`: cirros on m1.tiny. */
export function givenServerInput(
  scope: Scope,
  overrides: Partial<CreateServerInput> = {}
): CreateServerInput {
  return {
    name: 'server',
    projectId: scope.projectId,
    userId: scope.userId,
    imageRef: CATALOGUE_IMAGES[0].id,
    flavorId: '1',
    ...overrides
  };
}

/** Sets a server's created_at, so listing order does not depend on the clock's resolution. */
export async function givenCreatedAt(
  database: ComputeDatabase,
  serverId: string,
  createdAt: string
): Promise<void> {
  await database.db
    .updateTable('servers')
    .set({ created_at: createdAt })
    .where('id', '=', serverId)
    .execute();
}

/**
 * Inserts one server row per name straight into the table (no metadata, BUILD), in batches:
 * thousands of rows in well under a second, for the listing's scale tests.
 */
export async function givenServerRows(
  database: ComputeDatabase,
  scope: Scope,
  names: readonly string[]
): Promise<void> {
  const batchSize = 500;
  for (let start = 0; start < names.length; start += batchSize) {
    await database.db
      .insertInto('servers')
      .values(
        names.slice(start, start + batchSize).map((name, offset) => ({
          id: randomUUID(),
          name,
          project_id: scope.projectId,
          user_id: scope.userId,
          vm_state: 'building',
          task_state: 'scheduling',
          power_state: 0,
          image_ref: CATALOGUE_IMAGES[0].id,
          flavor_id: '1',
          key_name: null,
          availability_zone: null,
          access_ipv4: null,
          access_ipv6: null,
          config_drive: '',
          disk_config: 'MANUAL',
          created_at: new Date(Date.UTC(2024, 0, 1) + start + offset).toISOString()
        }))
      )
      .execute();
  }
}
