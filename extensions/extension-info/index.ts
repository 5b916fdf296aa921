/** The `extensions` API extension (GET /extensions, and wharf's GET /wharf/extensions). */
export { ExtensionInfo, ExtensionInfoController } from './extension-info.js';
export { WharfExtensionsController } from './wharf-extensions-controller.js';
