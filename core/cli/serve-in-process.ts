/**
 * What a `wharf serve` worker runs: assembles the host and starts one server per enabled
 * API in this process, with the stop, fault and reload handlers. Imported by the worker only
 * (core/cli/serve.ts): the supervising primary builds no host and so loads none of it. Once
 * listening, it writes the code cache of the load plan's bundle it compiled without one, when
 * idle or at the latest when it stops (load-plan-code-cache-save.ts).
 */
import {
  saveLoadPlanCodeCache,
  saveLoadPlanCodeCacheWhenIdle
} from '../plugins/load-plan-code-cache-save.js';
import { drainTimeoutMsOf, httpServerOptionsFor } from '../server/http-server-options.js';
import { startHttpServer, type RunningServer } from '../server/http-server.js';
import { assembleHost, type HostOptions } from '../server/host.js';
import { warnIfNoauthExposed } from '../server/noauth-exposure.js';
import { installFaultHandler } from '../server/process-faults.js';
import { installReloadHandler } from '../server/reload-signal.js';
import { installSignalHandlers } from '../server/signal-handlers.js';

/** Assembles the host and starts one server per enabled API in this process. */
export async function serveInProcess(options: HostOptions): Promise<RunningServer[]> {
  const host = await assembleHost(options);
  const servers: RunningServer[] = [];
  for (const [name, app] of host.apps) {
    const serverOptions = httpServerOptionsFor(host.config, name, host.logger);
    const server = await startHttpServer(app, serverOptions);
    const scheme = serverOptions.tls === undefined ? 'http' : 'https';
    host.logger.info(
      `${name} listening on ${scheme}://${server.address.host}:${server.address.port}`
    );
    warnIfNoauthExposed(host.config, name, host.identityTrusting.get(name) ?? [], host.logger);
    servers.push(server);
  }
  const warn = (message: string): void => void host.logger.warn(message);
  const stopping = {
    drainTimeoutMs: drainTimeoutMsOf(host.config),
    logger: host.logger,
    onStopped: async (): Promise<void> => {
      await saveLoadPlanCodeCache(warn);
      await host.close();
    }
  };
  installSignalHandlers(servers, stopping);
  installFaultHandler(servers, stopping);
  installReloadHandler(servers, host.logger);
  // Listening: the code cache of a plan's bundle can now hold what start-up compiled.
  saveLoadPlanCodeCacheWhenIdle(warn);
  return servers;
}
