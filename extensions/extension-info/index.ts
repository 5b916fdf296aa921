/** The `extensions` API extension (GET /extensions). */
export { ExtensionInfo, ExtensionInfoController } from './extension-info.js';
