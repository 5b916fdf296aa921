/**
 * `wharf`: the extension author's surface (extension classes, controllers, `wsgi`
 * decorators, errors, tokens, request types, plugin managers, filter and app factory
 * types). Embedding a host is `wharf/host` (core/host.ts); authors' tests use
 * `wharf/testing` (core/testing.ts). Anything exported by none of the three is private.
 */
import 'reflect-metadata';

export * from './errors.js';
export { createLogger, extensionLogger, defaultLogger } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export * as tokens from './tokens.js';
export { createContext, getContext, setContext, newRequestId } from './context.js';
export type { RequestContext, MicroversionLike, StepSpan, StepTracer } from './context.js';
export {
  ExtensionScope,
  currentScope,
  currentExtension,
  blameCurrentExtension
} from './extension-scope.js';
export type { FaultKind, FaultRecorder } from './extension-scope.js';
export { buildFault, sendFault, faultName, UNEXPECTED_ERROR_MESSAGE } from './http/faults.js';
export type { Fault } from './http/faults.js';
export type { FilterFactory, AppFactory, FactoryContext } from './pipeline/types.js';
export { FILTER_NAMESPACE, APP_NAMESPACE } from './pipeline/types.js';
export { inject, injectable, singleton, container } from 'tsyringe';
export type { DependencyContainer } from 'tsyringe';
export * from './plugins/index.js';
export * from './api/index.js';
export {
  Mapper,
  SubMapper,
  RoutingTable,
  FORMAT_PARAM,
  PROJECT_ID_PARAM
} from './routing/index.js';
export type {
  ConnectSpec,
  RedirectOptions,
  RedirectMatch,
  RedirectSpec,
  RouteCondition,
  RouteConditions,
  RouteDeclarer,
  RouteEnviron,
  SubmapperConnectSpec,
  SubmapperOptions,
  UrlParams,
  MapperOptions,
  ParentResource,
  ResourceOptions,
  RoutingTableOptions,
  RouteSpec,
  RouteMatch,
  RouteLookup,
  AllowedMethods
} from './routing/index.js';
export { compose } from './pipeline/compose.js';
export { urlmap } from './pipeline/urlmap.js';
export type { FactoryKind, FactoryResolver } from './pipeline/types.js';
export type {
  WharfConfig,
  ListenAddress,
  LoadConfigOptions,
  ConfigSetting,
  ConfigSections
} from './server/config.js';
export { describeOptions } from './server/config-options.js';
export type { OptionSpec, OptionType, OptionDescription } from './server/config-options.js';
export {
  defineOptions,
  isOptionGroup,
  OptionGroup,
  OPTIONS_NAMESPACE
} from './server/option-group.js';
export type {
  SectionsOf,
  OptionValue,
  OptionGroupInfo,
  DeclaredOptions
} from './server/option-group.js';
export { OptionRegistry } from './server/option-registry.js';
export type { RegisteredOption } from './server/option-registry.js';
export { publicBaseUrl, setPublicOrigin } from './http/public-url.js';
export { isLegacyV2, markLegacyV2 } from './http/legacy-v2.js';
export { TRACER_PROVIDER } from './middleware/tracer.js';
export type { TracerProvider } from '@opentelemetry/api';
export type {
  CompositeFactory,
  CompositeContext,
  CompositeReference,
  FactoryRef,
  LocalEntry,
  PasteLoader
} from './pipeline/types.js';
export { COMPOSITE_NAMESPACE } from './pipeline/types.js';
export type { PublicOrigin } from './http/public-url.js';
export { installErrorSink, raiseError } from './http/error-sink.js';
export type { ErrorSink } from './http/error-sink.js';
export { FilterOptions } from './middleware/filter-options.js';
export type { RateLimitStore, WindowCounts } from './middleware/ratelimit-store.js';
export { COMMAND_NAMESPACE } from './cli/command-plugin.js';
export type { CommandPlugin, CommandHelpers } from './cli/command-plugin.js';
