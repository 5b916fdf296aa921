/** The `server-metadata` API extension (/servers/{server_id}/metadata[/{key}]). */
export { ServerMetadata } from './server-metadata-extension.js';
export { ServerMetadataController } from './server-metadata-controller.js';
export { META_ITEM_BODY, METADATA_BODY } from './metadata-schemas.js';
