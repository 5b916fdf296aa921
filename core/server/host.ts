/**
 * Assembling a host from its configuration, without listening: the root logger, the host
 * container (logger, configuration, entry-point catalog, API router), the API router loaded
 * and compiled, and one Express app per enabled API built from the paste pipeline. `wharf
 * serve` listens on the apps; `wharf check` and `wharf routes` inspect the same assembly.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { APIRouter, API_NAMESPACE } from '../api/api-router.js';
import { parseDeadlineList } from '../api/request-deadlines.js';
import { ExtensionPrepareError, HTTPNotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { answerError } from '../http/answer-error.js';
import { buildPipelineFrom, resolveAndCheck } from '../pipeline/build-pipeline.js';
import { loadPasteConfig } from '../pipeline/paste-config.js';
import type { PasteConfig } from '../pipeline/paste-sections.js';
import type { ResolvedFactories } from '../pipeline/resolve-factories.js';
import { entryPointResolver } from '../pipeline/entry-point-resolver.js';
import type { EntryPoint, EntryPointCatalog } from '../plugins/index.js';
import { API_ROUTER } from '../tokens.js';
import { handleUnhandledRejections } from '../unhandled-rejections.js';
import { entryPointScope, runLoading } from '../extension-scope.js';
import type { WharfConfig } from './config.js';
import { prepareHost, type HostBase } from './host-base.js';

export { prepareHost, type HostBase } from './host-base.js';

/** What to assemble a host from. */
export interface HostOptions {
  /** The loaded configuration. */
  config: WharfConfig;
  /** Replaces `[extensions] manifest`. */
  manifest?: string;
  /** Added to `[extensions] dropin_dirs`. */
  dropins?: string[];
  /** Replaces the logger built from `[DEFAULT] log_level` and `log_format`. */
  logger?: Logger;
  /**
   * The entry-point catalog to start from instead of discovering one (`wharf serve
   * --load-plan`: the catalog a verified load plan recorded).
   */
  catalog?: EntryPointCatalog;
  /** Entry points added after the discovered ones (built in code, e.g. by `createTestHost`). */
  entryPoints?: readonly EntryPoint[];
}

/** An assembled host. */
export interface Host extends HostBase, HostApps {
  /** The loaded and compiled API router. */
  router: APIRouter;
}

/**
 * Loads and compiles the API router of a prepared host, and registers it in the container.
 * `logFailures: false` leaves reporting the router's load failures to the caller.
 */
export async function createApiRouter(
  base: HostBase,
  { logFailures = true }: { logFailures?: boolean } = {}
): Promise<APIRouter> {
  const { config } = base;
  const router = await APIRouter.create(API_NAMESPACE, {
    logFailures,
    catalog: base.catalog,
    container: base.container,
    logger: base.logger,
    strict: config.extensions.strict,
    minVersion: config.api.min_version,
    maxVersion: config.api.max_version,
    enabled: config.extensions.enabled.length > 0 ? [...config.extensions.enabled] : null,
    disabled: [...config.extensions.disabled],
    projectIdInUrl: config.api.project_id_in_url,
    requestDeadline: config.wsgi.request_deadline,
    requestDeadlines: parseDeadlineList(config.extensions.request_deadlines),
    quarantine: {
      threshold: config.extensions.quarantine_threshold,
      window: config.extensions.quarantine_window,
      cooldown: config.extensions.quarantine_cooldown
    }
  });
  base.container.register(API_ROUTER, { useValue: router });
  return router;
}

/** One Express app per enabled API, and the clean-ups their factories registered. */
export interface HostApps {
  /** One app per name in `[DEFAULT] enabled_apis`. */
  apps: Map<string, Express>;
  /**
   * Per API, the labels of the filters on its pipeline that believe the identity a caller
   * claims (`[filter:noauth2]`); APIs without such a filter are absent.
   */
  identityTrusting: Map<string, string[]>;
  /** Runs the clean-ups factories registered (connections to close). */
  close(): Promise<void>;
}

/** A host's paste file and the factories of its sections, resolved and checked. */
interface HostPipelines {
  /** The parsed `[wsgi] api_paste_config`. */
  paste: PasteConfig;
  /** The factory of every section; null when no API is enabled (nothing is built). */
  factories: ResolvedFactories | null;
}

/**
 * Reads the paste file and resolves the factory of every section once, for every enabled
 * API: their modules are imported, no factory is called (that needs the API router).
 */
async function resolvePipelines(base: HostBase): Promise<HostPipelines> {
  const { config, logger, catalog } = base;
  const paste = loadPasteConfig(config.wsgi.api_paste_config);
  if (config.DEFAULT.enabled_apis.length === 0) return { paste, factories: null };
  return { paste, factories: await resolveAndCheck(paste, entryPointResolver(catalog, logger)) };
}

/** Builds the paste pipeline of every enabled API of a host whose router is created. */
export async function buildApps(base: HostBase): Promise<HostApps> {
  return buildAppsFrom(base, await resolvePipelines(base));
}

/** `buildApps` from the paste file and factories `resolvePipelines` gave. */
async function buildAppsFrom(
  base: HostBase,
  { paste, factories }: HostPipelines
): Promise<HostApps> {
  const { config, logger, container, catalog } = base;
  const closers: (() => void | Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    await Promise.allSettled(closers.map((closer) => closer()));
  };
  const apps = new Map<string, Express>();
  const identityTrusting = new Map<string, string[]>();
  try {
    for (const name of config.DEFAULT.enabled_apis) {
      const trusting: string[] = [];
      const options = {
        config: paste,
        name,
        authStrategy: config.api.auth_strategy,
        resolveFactory: entryPointResolver(catalog, logger),
        container,
        logger,
        onClose: (closer: () => void | Promise<void>) => closers.push(closer),
        onIdentityTrusted: (label: string) => trusting.push(label)
      };
      // An enabled API means resolvePipelines resolved the factories.
      const pipeline = await buildPipelineFrom(options, factories!);
      apps.set(name, expressApp(pipeline));
      if (trusting.length > 0) identityTrusting.set(name, trusting);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { apps, identityTrusting, close };
}

/**
 * Builds everything `wharf serve` would serve, its extensions prepared, and from then on
 * keeps the process serving through unhandled promise rejections (logged and blamed on
 * their extension).
 */
export async function assembleHost(options: HostOptions): Promise<Host> {
  const base = await prepareHost(options);
  handleUnhandledRejections(base.logger);
  // The pipeline's modules are imported before the API router's drop-in packages: one
  // that needs `wharf` provided registers a resolve hook, and on Node 20 every module
  // imported after it crosses to Node's loader thread (docs/performance.md, "Start-up").
  const pipelines = await resolvePipelines(base);
  const router = await createApiRouter(base);
  await prepareExtensions(router);
  return { ...base, router, ...(await buildAppsFrom(base, pipelines)) };
}

/**
 * Awaits every loaded API extension's `prepare()`, one after the other, so what they open
 * (storage) is open before the host listens; the first failure stops start-up.
 */
export async function prepareExtensions(router: APIRouter): Promise<void> {
  for (const extension of router) {
    const api = extension.obj;
    if (typeof api?.prepare !== 'function') continue;
    try {
      const entryPoint = extension.entryPoint;
      const scope = entryPoint ? entryPointScope(entryPoint, api.alias) : { extension: api.alias };
      await runLoading(scope, () => api.prepare!());
    } catch (error) {
      throw new ExtensionPrepareError(extension.name, { cause: error });
    }
  }
}

/** Mounts a pipeline in Express; whatever it does not answer is a 404 fault. */
function expressApp(pipeline: express.RequestHandler): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(pipeline);
  app.use((_req: Request, _res: Response, next: NextFunction) => next(new HTTPNotFound()));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
    answerError(error, req, res)
  );
  return app;
}
