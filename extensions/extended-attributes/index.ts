/**
 * The server attribute extensions: `OS-EXT-STS`, `OS-EXT-AZ`, `OS-EXT-SRV-ATTR`,
 * `OS-SRV-USG`, `os-extended-volumes` and `OS-DCF` (with its create hook).
 */
export { ServerAttributesController, ServerAttributesExtension } from './server-attributes.js';
export type { ServerView } from './server-attributes.js';
export { ExtendedStatus, ExtendedStatusController } from './extended-status.js';
export {
  ExtendedAvailabilityZone,
  ExtendedAvailabilityZoneController
} from './extended-availability-zone.js';
export {
  ExtendedServerAttributes,
  ExtendedServerAttributesController
} from './extended-server-attributes.js';
export { ServerUsage, ServerUsageController } from './server-usage.js';
export { ExtendedVolumes, ExtendedVolumesController } from './extended-volumes.js';
export { DiskConfig, DiskConfigController, DiskConfigCreateHook } from './disk-config.js';
