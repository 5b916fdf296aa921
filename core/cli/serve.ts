/**
 * `wharf serve`: assembles the host and listens, one server per enabled API, in
 * `--workers N|auto` worker processes under a supervising primary (one by default); drains
 * in-flight requests on SIGTERM/SIGINT, and replaces a worker after an uncaught exception.
 */
import cluster from 'node:cluster';
import type { Command } from 'commander';
import { drainTimeoutMsOf, httpServerOptionsFor } from '../server/http-server-options.js';
import { startHttpServer, type RunningServer } from '../server/http-server.js';
import { assembleHost, type HostOptions } from '../server/host.js';
import { discoveryOf } from '../server/host-base.js';
import { checkLoadPlan, startFromLoadPlan } from '../plugins/load-plan-check.js';
import { warnIfNoauthExposed } from '../server/noauth-exposure.js';
import { installFaultHandler } from '../server/process-faults.js';
import { installReloadHandler } from '../server/reload-signal.js';
import { installSignalHandlers } from '../server/signal-handlers.js';
import { readTlsCredentials, tlsFilesOf } from '../server/tls.js';
import { runWorkers } from '../server/workers.js';
import { createLogger } from '../logger.js';
import { hostOptionsFrom, withCommonOptions, type CommonOptions } from './common-options.js';

interface ServeOptions extends CommonOptions {
  pasteConfig?: string;
  host?: string;
  port?: string;
  workers?: string;
  loadPlan?: string;
}

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
  const stopping = {
    drainTimeoutMs: drainTimeoutMsOf(host.config),
    logger: host.logger,
    onStopped: host.close
  };
  installSignalHandlers(servers, stopping);
  installFaultHandler(servers, stopping);
  installReloadHandler(servers, host.logger);
  return servers;
}

/** Adds the options and action of `serve` to its command. */
export function registerServeCommand(serve: Command): void {
  withCommonOptions(serve)
    .option(
      '--paste-config <file>',
      'the paste pipeline file (default: the shipped etc/api-paste.ini)'
    )
    .option('--host <host>', 'listen address ([wsgi] host)')
    .option('--port <port>', 'listen port ([wsgi] port)')
    .option('--workers <n>', 'worker processes, a number or "auto" ([wsgi] workers)')
    .option(
      '--load-plan <file>',
      'start from the load plan `wharf check --write-load-plan` wrote, refusing a stale one'
    )
    .action(async (options: ServeOptions) => {
      const hostOptions = await hostOptionsFrom(options, {
        'wsgi.api_paste_config': options.pasteConfig,
        'wsgi.host': options.host,
        'wsgi.port': options.port,
        'wsgi.workers': options.workers
      });
      if (options.loadPlan !== undefined) {
        // The primary refuses a stale plan before any worker starts, and builds no host: only
        // the workers import the bundle (each proves the plan fresh again when it starts).
        const discovery = discoveryOf(hostOptions);
        if (cluster.isWorker) {
          hostOptions.catalog = await startFromLoadPlan(options.loadPlan, discovery);
        } else checkLoadPlan(options.loadPlan, discovery);
      }
      const { config } = hostOptions;
      const tls = tlsFilesOf(config);
      if (tls !== undefined) readTlsCredentials(tls);
      const logger = createLogger({
        level: config.DEFAULT.log_level,
        format: config.DEFAULT.log_format
      });
      await runWorkers(
        config.wsgi.workers,
        async () => void (await serveInProcess({ ...hostOptions, logger })),
        // Even one worker runs under a primary, which replaces it after an uncaught exception.
        { logger, drainTimeoutMs: drainTimeoutMsOf(config), supervise: true }
      );
    });
}
