/**
 * The types that public signatures use without being names an author reaches for: the
 * members of APIRouter, Resource and the configuration name them. `wharf` re-exports
 * this list as types only, and `wharf/host` and `wharf/testing` re-export every type of
 * `wharf`, so no public signature names a private type; tests/unit/api-reports.test.ts fails
 * on a forgotten export.
 */
export type { APIExtensionBase } from './api/extension-base.js';
export type { APIRouter, APIRouterOptions } from './api/api-router.js';
export type { ApiMetrics } from './api/api-metrics.js';
export type { AssemblyProblem } from './api/route-assembly.js';
export type { DeadlinePolicy, RequestDeadlines, Watched } from './api/request-deadlines.js';
export type { UrlForOptions, UrlSource } from './api/request-urls.js';
export type {
  ControllerDescriptor,
  MethodSpec,
  ExtensionMethodSpec
} from './api/controller-descriptor.js';
export type { AddedFieldsDeclaration, ExtensionDeclaration } from './api/metadata-keys.js';
export type { DispatchPlan, Owned } from './api/dispatch-plan.js';
export type { ExtensionRuntime } from './api/plan-runner.js';
export type { QuarantinePolicy } from './api/extension-health.js';
export type { FaultKind, FaultRecorder } from './extension-scope.js';
export type {
  RoutingTable,
  RoutingTableOptions,
  RouteDeclarer,
  RouteEnviron,
  RouteLookup,
  RouteMatch,
  RedirectMatch,
  AllowedMethods
} from './routing/index.js';
export type { FilterOptionValue } from './middleware/filter-options.js';
export type { UrlMapEntry } from './pipeline/urlmap.js';
export type { FactoryResolver } from './pipeline/types.js';
export type {
  PasteSection,
  FactorySection,
  FilterAppSection,
  PipelineSection,
  PipelineSpec,
  SectionBase,
  NameRef,
  GetOverride
} from './pipeline/paste-sections.js';
export type { ListenAddress } from './server/config.js';
export type { CORE_OPTIONS } from './server/core-options.js';
export type { SectionsOf } from './option-group.js';
export type { EntryPoint } from './plugins/entry-point.js';
