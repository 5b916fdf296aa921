/**
 * `wharf`: the extension author's surface, each name exported deliberately: extension
 * classes, controllers, the `wsgi` decorators, the errors an author raises or catches, DI
 * tokens, request types, plugin managers, option declarations, filter, app and command
 * plugin types. Embedding a host is `wharf/host` (core/host.ts); authors' tests use
 * `wharf/testing` (core/testing.ts). Anything exported by none of the three is private.
 */
import './plugins/reflect-polyfill.js';

// Errors an author raises (HTTP errors, a domain error of their own) or catches (managers').
export { WharfError, isWharfError, type WharfErrorOptions } from './errors/wharf-error.js';
export {
  HTTPError,
  HTTPBadRequest,
  HTTPUnauthorized,
  HTTPForbidden,
  HTTPNotFound,
  HTTPMethodNotAllowed,
  HTTPNotAcceptable,
  HTTPConflict,
  HTTPRequestEntityTooLarge,
  HTTPRequestTimeout,
  HTTPURITooLong,
  HTTPHeadersTooLarge,
  HTTPUnsupportedMediaType,
  HTTPTooManyRequests,
  HTTPInternalServerError,
  HTTPNotImplemented,
  HTTPServiceUnavailable
} from './errors/http-errors.js';
export {
  ManifestError,
  EntryPointOutsidePackageError,
  NoMatches,
  MultipleMatches,
  EntryPointConflictError,
  ExtensionLoadError,
  InjectionTokenMissingError,
  MissingEntryPointsError
} from './errors/plugin-errors.js';
export {
  ExtensionConflictError,
  RouteConflictError,
  InvalidDeclarationError,
  UrlGenerationError
} from './errors/assembly-errors.js';
export { ConfigError } from './errors/host-errors.js';

// Logging, DI tokens and the container, the request context.
export { extensionLogger, defaultLogger } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export * as tokens from './tokens.js';
export { inject, injectable, singleton, container } from './plugins/di-container.js';
export type { DependencyContainer } from 'tsyringe';
export { getContext } from './context.js';
export type { RequestContext, MicroversionLike, StepSpan, StepTracer } from './context.js';

// The plugin layer: entry points, catalogs and the stevedore manager family.
export * from './plugins/index.js';

// API extensions, controllers, the `wsgi` decorators, responses, microversions.
export { wsgi, type WsgiDecorators } from './api/wsgi.js';
export type { ExtendsOptions } from './api/decorators/extends.js';
export type { PolicyPersona, PolicyDescription } from './api/policy-personas.js';
export { subRuleName } from './api/decorators/policy.js';
export type { DeclaredPolicy } from './api/metadata-keys.js';
export { APIVersionRequest } from './api/api-version-request.js';
export { ANY_VERSION, parseVersionRange, rangeContains } from './api/version-range.js';
export type { VersionRange } from './api/version-range.js';
export { Controller } from './api/controller.js';
export { ResponseObject } from './api/response-object.js';
export type { ResponseObjectOptions } from './api/response-object.js';
export { sendResponse } from './api/send-response.js';
export { compileBodySchema, compileQuerySchema } from './api/validation.js';
export type { BodyValidator, QueryValidator } from './api/validation.js';
export type { ApiRequest } from './api/api-request.js';
export { APIExtensionBase } from './api/extension-base.js';
export { ResourceExtension } from './api/resource-extension.js';
export type { ResourceExtensionOptions, ParentCollection } from './api/resource-extension.js';
export { ControllerExtension } from './api/controller-extension.js';
export type { Resource } from './api/resource.js';
export type { APIRouter } from './api/api-router.js';
export { API_NAMESPACE } from './api/api-router.js';
export type { RouteInfo } from './api/route-listing.js';
export type { ExtensionRegistry, ExtensionRecord } from './api/extension-registry.js';
export type { ExtensionHealth, HealthView } from './api/extension-health.js';
export { publicBaseUrl } from './http/public-url.js';
export { isLegacyV2 } from './http/legacy-v2.js';

// Routes an extension declares (routes-style mapper).
export { Mapper, SubMapper, FORMAT_PARAM, PROJECT_ID_PARAM } from './routing/index.js';
export type {
  ConnectSpec,
  RedirectOptions,
  RedirectSpec,
  RouteCondition,
  RouteConditions,
  SubmapperConnectSpec,
  SubmapperOptions,
  UrlParams,
  MapperOptions,
  ParentResource,
  ResourceOptions,
  RouteSpec
} from './routing/index.js';

// Filters, apps and composites of the paste pipeline.
export type {
  FilterFactory,
  AppFactory,
  FactoryContext,
  FactoryKind,
  CompositeFactory,
  CompositeContext,
  CompositeReference,
  FactoryRef,
  LocalEntry,
  PasteLoader
} from './pipeline/types.js';
export { FILTER_NAMESPACE, APP_NAMESPACE, COMPOSITE_NAMESPACE } from './pipeline/types.js';
export { urlmap } from './pipeline/urlmap.js';
export { FilterOptions, type FilterOptionSpec } from './middleware/filter-options.js';
export type { RateLimitStore, WindowCounts } from './middleware/ratelimit-store.js';
export { TRACER_PROVIDER } from './middleware/tracer.js';
export type { TracerProvider } from '@opentelemetry/api';

// Configuration: the options an extension declares and the configuration it reads.
export type { WharfConfig, ConfigSections } from './server/config.js';
export { defineOptions, OptionGroup, OPTIONS_NAMESPACE } from './option-group.js';
export type { SectionsOf, OptionValue, OptionGroupInfo, DeclaredOptions } from './option-group.js';
export type { OptionSpec, OptionType } from './server/config-options.js';

// Command plugins (`wharf.commands`).
export { COMMAND_NAMESPACE } from './cli/command-plugin.js';
export type { CommandPlugin, CommandHelpers } from './cli/command-plugin.js';
export type { CommonOptions } from './cli/common-options.js';

// Types that the public signatures use (see core/public-types.ts).
export type * from './public-types.js';
