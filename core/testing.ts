/**
 * `wharf/testing`: what an extension author's tests use: `createTestHost` (an in-process
 * host with the author's drop-in or extension classes, and a request client) and
 * `checkExtension` (the conformance checks `wharf check --dropin DIR --strict` runs).
 */
import './plugins/reflect-polyfill.js';

export { createTestHost } from './testing/test-host.js';
export { checkExtension, type CheckExtensionOptions } from './testing/check-extension.js';
export type { ExtensionClass } from './testing/class-entry-points.js';
export type { CheckReport, Problem, ProblemKind } from './check/problem.js';
export type {
  TestHost,
  TestHostOptions,
  TestRequestOptions,
  TestResponse
} from './testing/test-host.js';
export type { Host } from './server/host.js';
export type { Logger } from './logger.js';

// Every type of `wharf` (with those its signatures use): a host's and a test host's members
// name them.
export type * from './index.js';
export type { HostBase } from './server/host-base.js';
export type { HostApps } from './server/host.js';
