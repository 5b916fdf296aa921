/**
 * The API layer's public names (decorators, Controller, ResponseObject, microversions,
 * validation). The package root re-exports what extension authors need from here.
 */
export { APIVersionRequest } from './api-version-request.js';
export { resolveRequestedVersion, versionHeaders } from './microversion.js';
export type { VersionBounds } from './microversion.js';
export { ANY_VERSION, parseVersionRange, rangeContains } from './version-range.js';
export type { VersionRange } from './version-range.js';
export { action } from './decorators/action.js';
export { extendsMethod } from './decorators/extends.js';
export type { ExtendsOptions } from './decorators/extends.js';
export { response } from './decorators/response.js';
export { expectedErrors } from './decorators/expected-errors.js';
export { apiVersion } from './decorators/api-version.js';
export { schema } from './decorators/schema.js';
export { querySchema } from './decorators/query-schema.js';
export { addsFields } from './decorators/adds-fields.js';
export { policy, subRuleName } from './decorators/policy.js';
export type { DeclaredPolicy } from './metadata-keys.js';
export type { PolicyPersona, PolicyDescription } from './policy-personas.js';
export { wsgi } from './wsgi.js';
export { Controller, isController, isControllerClass } from './controller.js';
export {
  describeController,
  isAvailable,
  responseCodeFor,
  validatorFor,
  expectedErrorsFor
} from './controller-descriptor.js';
export type {
  ControllerDescriptor,
  MethodSpec,
  ExtensionMethodSpec
} from './controller-descriptor.js';
export { compileBodySchema, compileQuerySchema } from './validation.js';
export type { BodyValidator, QueryValidator } from './validation.js';
export { ResponseObject, isResponseObject } from './response-object.js';
export type { ResponseObjectOptions } from './response-object.js';
export type { ApiRequest } from './api-request.js';
export { APIExtensionBase, isAPIExtension, identityProblems } from './extension-base.js';
export { ResourceExtension } from './resource-extension.js';
export type { ResourceExtensionOptions, ParentCollection } from './resource-extension.js';
export { ControllerExtension } from './controller-extension.js';
export { ExtensionRegistry } from './extension-registry.js';
export { ExtensionHealth } from './extension-health.js';
export type { ApiMetrics } from './api-metrics.js';
export type { HealthView, QuarantinePolicy } from './extension-health.js';
export type { ExtensionRecord } from './extension-registry.js';
export { Resource } from './resource.js';
export { APIRouter, API_NAMESPACE } from './api-router.js';
export type { APIRouterOptions } from './api-router.js';
export type { AssemblyProblem } from './route-assembly.js';
export type { RouteInfo } from './route-listing.js';
export { sendResponse } from './send-response.js';
