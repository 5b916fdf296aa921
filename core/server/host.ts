/**
 * Assembling a host from its configuration, without listening: the root logger, the host
 * container (logger, configuration, entry-point catalog, API router), the API router loaded
 * and compiled, and one Express app per enabled API built from the paste pipeline. `wharf
 * serve` listens on the apps; `wharf check` and `wharf routes` inspect the same assembly.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { APIRouter, API_NAMESPACE } from '../api/api-router.js';
import { HTTPNotFound } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { handleError } from '../middleware/faultwrap.js';
import { buildPipeline } from '../pipeline/build-pipeline.js';
import { loadPasteConfig } from '../pipeline/paste-config.js';
import { APP_NAMESPACE, FILTER_NAMESPACE, type FactoryResolver } from '../pipeline/types.js';
import { DriverManager, EntryPointCatalog } from '../plugins/index.js';
import { API_ROUTER, CONFIG, ENTRY_POINT_CATALOG, LOGGER } from '../tokens.js';
import type { WharfConfig } from './config.js';

/** What to assemble a host from. */
export interface HostOptions {
  config: WharfConfig;
  /** Replaces `[extensions] manifest`. */
  manifest?: string;
  /** Added to `[extensions] dropin_dirs`. */
  dropins?: string[];
  /** Replaces the logger built from `[DEFAULT] log_level` and `log_format`. */
  logger?: Logger;
}

/** An assembled host. */
export interface Host {
  config: WharfConfig;
  logger: Logger;
  container: DependencyContainer;
  catalog: EntryPointCatalog;
  router: APIRouter;
  /** One app per name in `[DEFAULT] enabled_apis`. */
  apps: Map<string, Express>;
  /** Runs the clean-ups factories registered (connections to close). */
  close(): Promise<void>;
}

/** Builds everything `wharf serve` would serve. */
export async function assembleHost(options: HostOptions): Promise<Host> {
  const { config } = options;
  const logger =
    options.logger ??
    createLogger({ level: config.DEFAULT.log_level, format: config.DEFAULT.log_format });
  const catalog = await EntryPointCatalog.discover({
    manifest: options.manifest ?? config.extensions.manifest,
    dropins: [...config.extensions.dropin_dirs, ...(options.dropins ?? [])]
  });
  for (const problem of catalog.problems) logger.warn(problem.message);
  const container = rootContainer.createChildContainer();
  container.register(LOGGER, { useValue: logger });
  container.register(CONFIG, { useValue: config });
  container.register(ENTRY_POINT_CATALOG, { useValue: catalog });
  const router = await APIRouter.create(API_NAMESPACE, {
    catalog,
    container,
    logger,
    strict: config.extensions.strict,
    minVersion: config.api.min_version,
    maxVersion: config.api.max_version,
    enabled: config.extensions.enabled.length > 0 ? [...config.extensions.enabled] : null,
    disabled: [...config.extensions.disabled],
    projectIdInUrl: config.api.project_id_in_url
  });
  container.register(API_ROUTER, { useValue: router });
  const closers: (() => void | Promise<void>)[] = [];
  const paste = loadPasteConfig(config.wsgi.api_paste_config);
  const apps = new Map<string, Express>();
  for (const name of config.DEFAULT.enabled_apis) {
    const pipeline = await buildPipeline({
      config: paste,
      name,
      authStrategy: config.api.auth_strategy,
      resolveFactory: factoryResolver(catalog, logger),
      container,
      logger,
      onClose: (close) => closers.push(close)
    });
    apps.set(name, expressApp(pipeline));
  }
  return {
    config,
    logger,
    container,
    catalog,
    router,
    apps,
    close: async () => {
      await Promise.allSettled(closers.map((close) => close()));
    }
  };
}

/** Finds filter and app factories among the discovered entry points. */
function factoryResolver(catalog: EntryPointCatalog, logger: Logger): FactoryResolver {
  return async (kind, name) => {
    const namespace = kind === 'filter' ? FILTER_NAMESPACE : APP_NAMESPACE;
    const manager = await DriverManager.create<never>(namespace, { name, catalog, logger });
    return manager.driver;
  };
}

/** Mounts a pipeline in Express; whatever it does not answer is a 404 fault. */
function expressApp(pipeline: express.RequestHandler): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(pipeline);
  app.use((_req: Request, _res: Response, next: NextFunction) => next(new HTTPNotFound()));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
    handleError(error, req, res)
  );
  return app;
}
