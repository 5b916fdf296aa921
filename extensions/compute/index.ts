/**
 * The compute library the bundled OpenStack Compute extensions share: ComputeServices and
 * the extension bases, the compute API and the server state machine, the driver contract
 * with the fake driver, keypair cryptography, policy and errors. Storage (the database,
 * migrations and repositories) is in storage.ts, loaded on first use.
 */
// Storage's names as types only: a type import loads nothing at run time.
export type * from './storage.js';
export * from './errors.js';
export type * from './models.js';
export { showsServer, shownServer } from './shown-servers.js';
export { generateKeypair, parsePublicKey, fingerprintOf } from './keypair-crypto.js';
export type { GeneratedKeypair, ParsedPublicKey } from './keypair-crypto.js';
export { DRIVER_NAMESPACE } from './driver.js';
export type { ComputeDriver, DriverResult, SpawnResult } from './driver.js';
export { FakeDriver } from './fake-driver.js';
export type { FakeDriverOptions } from './fake-driver.js';
export * from './server-states.js';
export * from './quotas.js';
export { ComputeAPI } from './compute-api.js';
export { chunksOf, eachInTurns, requestSlice, TimeSlice } from './event-loop-turns.js';
export type { PowerAction } from './compute-api.js';
export { ComputeServices } from './services.js';
export { PolicyEnforcer } from './policy/enforcer.js';
export type { PolicyTarget } from './policy/enforcer.js';
export { DEFAULT_RULES } from './policy/defaults.js';
export { parseRule } from './policy/rule.js';
export { ComputeExtension } from './compute-extension.js';
export { ServerActionsController, ServerActionsExtension } from './server-actions-extension.js';
export { nextPageLink, type PageLink } from './page-link.js';
export { COMPUTE_OPTIONS, type ComputeOptions } from './options.js';
