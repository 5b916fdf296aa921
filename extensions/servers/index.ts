/**
 * The `servers` API extension, and the contract of server create hooks for packages that
 * add their own (`wharf.api.v21.extensions.server.create`).
 */
export { Servers } from './servers-extension.js';
export { ServersController } from './servers-controller.js';
export { SERVER_CREATE_NAMESPACE, ServerCreateHooks } from './create-hooks.js';
export type { ServerCreateHook, ServerCreateKwargs, CreateHookOptions } from './create-hooks.js';
