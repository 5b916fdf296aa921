/**
 * `wharf serve`: assembles the host and listens, one server per enabled API, in
 * `--workers N|auto` worker processes under a supervising primary (one by default); drains
 * in-flight requests on SIGTERM/SIGINT, and replaces a worker after an uncaught exception.
 * What a worker runs is in serve-in-process.ts, imported by the worker only.
 */
import cluster from 'node:cluster';
import type { Command } from 'commander';
import { drainTimeoutMsOf } from '../server/http-server-options.js';
import { discoveryOf } from '../server/host-base.js';
import { checkLoadPlan } from '../plugins/load-plan-check.js';
import { readTlsCredentials, tlsFilesOf } from '../server/tls.js';
import { runWorkers } from '../server/workers.js';
import { createLogger } from '../logger.js';
import {
  coreHostOptionsFrom,
  hostOptionsFrom,
  withCommonOptions,
  type CommonOptions
} from './common-options.js';

interface ServeOptions extends CommonOptions {
  pasteConfig?: string;
  host?: string;
  port?: string;
  workers?: string;
  loadPlan?: string;
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
      const flags = {
        'wsgi.api_paste_config': options.pasteConfig,
        'wsgi.host': options.host,
        'wsgi.port': options.port,
        'wsgi.workers': options.workers
      };
      // The primary builds no host: it reads wharf's own options only and refuses a stale
      // plan before any worker starts. Each worker, as it starts, proves the plan again and
      // imports its bundle, then loads and checks the whole configuration against the plan's
      // plugins (none discovered); a worker that cannot start stops the service with its
      // status.
      const { config, ...discovery } = await coreHostOptionsFrom(options, flags);
      if (options.loadPlan !== undefined && !cluster.isWorker) {
        checkLoadPlan(options.loadPlan, discoveryOf({ config, ...discovery }));
      }
      const tls = tlsFilesOf(config);
      if (tls !== undefined) readTlsCredentials(tls);
      const logger = createLogger({
        level: config.DEFAULT.log_level,
        format: config.DEFAULT.log_format
      });
      const startWorker = async (): Promise<void> => {
        const hostOptions = await hostOptionsFrom(options, flags, options.loadPlan);
        const { serveInProcess } = await import('./serve-in-process.js');
        await serveInProcess({ ...hostOptions, logger });
      };
      // Even one worker runs under a primary, which replaces it after an uncaught exception.
      await runWorkers(config.wsgi.workers, startWorker, {
        logger,
        drainTimeoutMs: drainTimeoutMsOf(config),
        supervise: true
      });
    });
}
