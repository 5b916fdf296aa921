/**
 * `wharf/host`: the surface for embedding wharf in a program of one's own: load the
 * configuration, assemble a host (pipeline, extensions, drop-ins), serve it over HTTP with
 * graceful drain and signal handling, run workers under a supervising primary, and issue
 * tokens for `[api] auth_strategy = token`. Extension code imports `wharf`, not this.
 */
import './plugins/reflect-polyfill.js';

export { loadConfig, listenAddressFor, configSettings } from './server/config.js';
export type {
  WharfConfig,
  ListenAddress,
  LoadConfigOptions,
  ConfigSetting,
  ConfigSections
} from './server/config.js';
export { loadHostConfig, hostOptionRegistry } from './server/host-config.js';
export type { HostConfigOptions } from './server/host-config.js';
export { assembleHost } from './server/host.js';
export type { Host, HostOptions } from './server/host.js';
export { parsePasteConfig, loadPasteConfig } from './pipeline/paste-config.js';
export type { PasteConfig } from './pipeline/paste-sections.js';
export { buildPipeline } from './pipeline/build-pipeline.js';
export type { BuildPipelineOptions } from './pipeline/build-pipeline.js';
export { createLogger } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export { startHttpServer } from './server/http-server.js';
export type { HttpServerOptions, RunningServer } from './server/http-server.js';
export type { DrainOutcome } from './server/graceful-shutdown.js';
export { httpServerOptionsFor, drainTimeoutMsOf } from './server/http-server-options.js';
export {
  installSignalHandlers,
  STOP_SIGNALS,
  DRAIN_CUT_EXIT_CODE
} from './server/signal-handlers.js';
export type { SignalHandlerOptions } from './server/signal-handlers.js';
export { installFaultHandler, FAULT_EXIT_CODE } from './server/process-faults.js';
export type { FaultHandlerOptions } from './server/process-faults.js';
export { installReloadHandler, RELOAD_SIGNAL } from './server/reload-signal.js';
export type { TlsFiles } from './server/tls.js';
export { runWorkers } from './server/workers.js';
export type { RunWorkersOptions } from './server/workers.js';
export { issueToken, verifyToken } from './middleware/token-signer.js';
export type { TokenClaims, IssueTokenOptions } from './middleware/token-signer.js';

// Every type of `wharf` (with those its signatures use): a host's and a test host's members
// name them.
export type * from './index.js';
export type { SettingValue } from './server/config.js';
export type { OptionRegistry, RegisteredOption } from './server/option-registry.js';
export type { HostBase } from './server/host-base.js';
export type { HostApps } from './server/host.js';
export type { Reloadable } from './server/reload-signal.js';
export type { SupervisorOptions } from './server/supervisor.js';
export type { RestartBackoffOptions } from './server/restart-backoff.js';
export type { TokenSecret } from './middleware/token-signer.js';
