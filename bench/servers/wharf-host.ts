/**
 * Starts a wharf host the way `wharf serve` does (`assembleHost`, then `startHttpServer`
 * with the `[wsgi]` options of the API), on 127.0.0.1 and a free port, for the wharf
 * benchmark servers. The configuration is the defaults plus the given overrides (the
 * environment is not read): the shipped paste pipeline, `noauth2`, the request log at
 * `info`. Every log line is formatted as usual (winston, text format, timestamp) and handed
 * to a stream that discards it: each request pays for its log line up to the write, but
 * not for output, which costs what the operator's log sink costs (see docs/performance.md).
 *
 * SIGTERM and SIGINT drain, run `beforeClose` and exit as under `wharf serve` (so `--cpu-prof`
 * gets written).
 *
 * The start-up phases, measured with `performance.now()` (milliseconds since the process
 * started), are reported in the announcement: `bootMs` (Node itself and the server
 * script's own imports), `importMs` (wharf's package root), `assembleMs` (reading and
 * proving the load plan and importing its bundle when there is one, then `assembleHost`:
 * discovery, import and instantiation of the extensions, routing table, pipeline) and
 * `listenMs`.
 */
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import type { StartupPhases } from './announce.js';
import type { HostConfigOptions, HostOptions } from '../../core/host.js';
import type { EntryPointCatalog } from '../../core/plugins/catalog.js';

/** What the host is built from, besides the defaults. */
export interface WharfHostOptions {
  /** Configuration overrides keyed `section.option`. */
  overrides?: Record<string, string>;
  /** Drop-in folders of extension packages. */
  dropins?: string[];
  /** A load plan to start from, as `wharf serve --load-plan` does. */
  loadPlan?: string;
  /** Runs when a stop signal drained the server, before the host closes. */
  beforeClose?: () => Promise<unknown>;
}

/** The one API the default configuration enables. */
const API = 'osapi_compute';

/** Assembles and starts the host; resolves with its port and start-up phases. */
export async function startWharf(
  options: WharfHostOptions
): Promise<{ port: number; phases: StartupPhases }> {
  const booted = performance.now();
  const wharf = await import('../../core/host.js');
  const imported = performance.now();
  const dropins = options.dropins ?? [];
  const sources = {
    env: {},
    overrides: { 'wsgi.host': '127.0.0.1', 'wsgi.port': '0', ...options.overrides },
    dropins
  };
  const { config, catalog } =
    options.loadPlan === undefined
      ? { config: await wharf.loadHostConfig(sources), catalog: undefined }
      : await fromLoadPlan(options.loadPlan, sources);
  const logger = wharf.createLogger({
    level: config.DEFAULT.log_level,
    format: config.DEFAULT.log_format,
    stream: new Writable({ write: (_chunk, _encoding, done) => done() })
  });
  const host = await wharf.assembleHost({ config, logger, dropins, catalog });
  const app = host.apps.get(API);
  if (app === undefined) throw new Error(`the host serves no ${API}`);
  const assembled = performance.now();
  const server = await wharf.startHttpServer(app, wharf.httpServerOptionsFor(config, API, logger));
  const listening = performance.now();
  wharf.installSignalHandlers([server], {
    drainTimeoutMs: wharf.drainTimeoutMsOf(config),
    logger,
    onStopped: async () => {
      await options.beforeClose?.();
      await host.close();
    }
  });
  return {
    port: server.address.port,
    phases: {
      bootMs: booted,
      importMs: imported - booted,
      assembleMs: assembled - imported,
      listenMs: listening - assembled
    }
  };
}

/**
 * The configuration and catalog of a fresh load plan, its bundle imported (what `wharf serve
 * --load-plan` does).
 */
async function fromLoadPlan(
  file: string,
  sources: HostConfigOptions
): Promise<{ config: HostOptions['config']; catalog: EntryPointCatalog }> {
  const { loadHostConfigFromPlan } = await import('../../core/server/host-config.js');
  return loadHostConfigFromPlan(file, sources);
}
