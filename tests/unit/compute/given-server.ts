/** Servers for the compute suites: a valid create input for a scope, and a way to age rows. */
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
