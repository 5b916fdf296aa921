/**
 * The bundled server create hooks (`wharf.api.v21.extensions.server.create`): `key_name`,
 * `availability_zone`, `metadata`, and `min_count`/`max_count`.
 */
export { KeypairsCreateHook } from './keypairs-hook.js';
export { AvailabilityZoneCreateHook, DEFAULT_AVAILABILITY_ZONE } from './availability-zone-hook.js';
export { MetadataCreateHook } from './metadata-hook.js';
export { MultipleCreateHook } from './multiple-create-hook.js';
