/**
 * APIRouter: the API of one namespace of extensions (nova's APIRouterV21). It is an enabled
 * extension manager (the manager core with a check function) over `wharf.api.v21.extensions`
 * whose check requires an APIExtensionBase with a valid identity and an enabled alias. Once loaded it assembles the
 * resources into one compiled, warmed routing table, and serves requests: microversion
 * (400/406), route (404/405), then the resource's dispatch; every failure becomes a fault.
 */
import { isWarmUpRequest } from '../http/warm-up-requests.js';
import type { DependencyContainer } from 'tsyringe';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { container as rootContainer } from '../plugins/di-container.js';
import { getContext } from '../context.js';
import { HTTPMethodNotAllowed, HTTPNotFound } from '../errors.js';
import { EnabledManagerBase } from '../plugins/enabled-extension-manager.js';
import type { Extension, ManagerOptions } from '../plugins/index.js';
import type { RoutingTable } from '../routing/index.js';
import { EXTENSION_HEALTH, EXTENSION_REGISTRY } from '../tokens.js';
import { APIVersionRequest } from './api-version-request.js';
import { identityProblems, isAPIExtension, type APIExtensionBase } from './extension-base.js';
import { ApiMetrics } from './api-metrics.js';
import { withPackageFolders } from './conflict-origins.js';
import { ExtensionHealth } from './extension-health.js';
import { ExtensionRegistry } from './extension-registry.js';
import { answerError } from '../http/answer-error.js';
import { RequestDeadlines } from './request-deadlines.js';
import { resolveRequestedVersion, versionHeaders } from './microversion.js';
import type { Resource } from './resource.js';
import { assembleRoutes, type AssemblyProblem } from './route-assembly.js';
import { answerRedirect, checkFormat } from './route-outcomes.js';
import { fingerprintOf, planOf } from './deployment-plan.js';
import { listRoutes, type RouteInfo } from './route-listing.js';
import { API_NAMESPACE } from './api-namespace.js';
import { setResponseHeader } from '../http/owned-headers.js';

export { API_NAMESPACE } from './api-namespace.js';

/** Options of the API router (it sets the type check, the enabled check and invokeOnLoad). */
export interface APIRouterOptions extends Omit<
  ManagerOptions<APIExtensionBase>,
  'verify' | 'invokeOnLoad' | 'container'
> {
  /** The host container; the router builds its extensions from a child of it. */
  container?: DependencyContainer;
  /** Lowest microversion served. Default `2.1`. */
  minVersion?: string;
  /** Highest microversion served. Default `2.1`. */
  maxVersion?: string;
  /** Aliases to enable; null or absent enables every alias. */
  enabled?: string[] | null;
  /** Aliases to disable (wins over `enabled`). */
  disabled?: string[];
  /** Also route every path under `/{project_id}`, as nova did. Default true. */
  projectIdInUrl?: boolean;
  /** Seconds a request's extension code may run before a 504 answers it; 0: none. Default 60. */
  requestDeadline?: number;
  /** Deadlines of particular extensions, in seconds, by alias (the handler's extension's applies). */
  requestDeadlines?: Readonly<Record<string, number>>;
  /**
   * Quarantine after `threshold` faults (0: never; default 5) within `window` seconds
   * (default 60), for `cooldown` seconds (default 60).
   */
  quarantine?: { threshold?: number; window?: number; cooldown?: number };
}

const STARTED = Symbol('wharf.api-router.started');
const ROUTE = Symbol('wharf.api-router.route');

/** A response the router serves: when it started and the route template it matched. */
type Observed = ServerResponse & { [STARTED]: number; [ROUTE]: string };

/** The response header naming the deployment's fingerprint, on every API response. */
export const FINGERPRINT_HEADER = 'X-Wharf-Fingerprint';

/** The compiled API of a namespace of extensions. */
export class APIRouter extends EnabledManagerBase<APIExtensionBase> {
  /** The loaded API extensions and what each contributes. */
  readonly registry: ExtensionRegistry;
  /** The microversions served. */
  readonly versions: { min: APIVersionRequest; max: APIVersionRequest };
  /** Warnings of assembly (controller extensions on missing collections, ...). */
  problems: AssemblyProblem[] = [];
  /** Fault counts and quarantine of every extension. */
  readonly health: ExtensionHealth;
  /** The deadlines requests run under. */
  readonly deadlines: RequestDeadlines;
  /** Per-extension Prometheus metrics, served by the `metrics` filter. */
  readonly metrics: ApiMetrics;
  /** The hash of the deployment plan (see deployment-plan.ts), `sha256:<16 hex digits>`. */
  fingerprint = '';
  private table!: RoutingTable<Resource>;
  private resourceMap = new Map<string, Resource>();
  private readonly projectIdInUrl: boolean;

  protected constructor(namespace: string, options: APIRouterOptions, registry: ExtensionRegistry) {
    const enabled = options.enabled ? new Set(options.enabled) : null;
    const disabled = new Set(options.disabled ?? []);
    super(namespace, {
      ...options,
      invokeOnLoad: true,
      verify: (plugin) => {
        if (!isAPIExtension(plugin)) throw new TypeError('is not a subclass of APIExtensionBase');
      },
      checkFunc: (extension) => {
        const problems = identityProblems(extension.obj!);
        if (problems.length > 0) throw new TypeError(problems.join('; '));
        const alias = extension.obj!.alias;
        return (enabled === null || enabled.has(alias)) && !disabled.has(alias);
      }
    });
    this.registry = registry;
    this.versions = {
      min: APIVersionRequest.parse(options.minVersion ?? '2.1'),
      max: APIVersionRequest.parse(options.maxVersion ?? '2.1')
    };
    this.projectIdInUrl = options.projectIdInUrl ?? true;
    const quarantine = options.quarantine ?? {};
    this.health = new ExtensionHealth(
      {
        threshold: quarantine.threshold ?? 5,
        windowMs: (quarantine.window ?? 60) * 1000,
        cooldownMs: (quarantine.cooldown ?? 60) * 1000
      },
      this.logger
    );
    this.metrics = new ApiMetrics(
      () => this.registry.loaded().map((record) => record.alias),
      this.health
    );
    this.deadlines = new RequestDeadlines(
      {
        defaultMs: (options.requestDeadline ?? 60) * 1000,
        perExtension: new Map(
          Object.entries(options.requestDeadlines ?? {}).map(([alias, s]) => [alias, s * 1000])
        )
      },
      this.health
    );
  }

  /** Loads, checks and assembles the API; rejects on start-up conflicts. */
  static async create(
    namespace: string = API_NAMESPACE,
    options: APIRouterOptions = {}
  ): Promise<APIRouter> {
    const registry = new ExtensionRegistry();
    const container = (options.container ?? rootContainer).createChildContainer();
    container.register(EXTENSION_REGISTRY, { useValue: registry });
    const router = new APIRouter(namespace, { ...options, container }, registry);
    container.register(EXTENSION_HEALTH, { useValue: router.health });
    await router.load();
    router.assemble();
    return router;
  }

  /** An API router over hand-built extensions (objects already constructed), no discovery. */
  static makeTestInstance(
    extensions: Extension<APIExtensionBase>[],
    options: APIRouterOptions & { namespace?: string } = {}
  ): APIRouter {
    const router = new APIRouter(
      options.namespace ?? API_NAMESPACE,
      options,
      new ExtensionRegistry()
    );
    router.useExtensions(extensions);
    router.assemble();
    return router;
  }

  private assemble(): void {
    try {
      this.assembleOrThrow();
    } catch (error) {
      throw withPackageFolders(error, [...this.extensions, ...this.disabled]);
    }
  }

  private assembleOrThrow(): void {
    for (const extension of this.extensions)
      this.registry.register(extension.obj!, describeEntryPoint(extension));
    for (const extension of this.disabled)
      this.registry.register(extension.obj!, describeEntryPoint(extension), 'disabled');
    const assembly = assembleRoutes(this.extensions, this.registry, {
      projectIdInUrl: this.projectIdInUrl,
      logger: this.logger,
      runtime: { health: this.health, deadlines: this.deadlines, metrics: this.metrics }
    });
    this.table = assembly.table;
    this.resourceMap = assembly.resources;
    this.fingerprint = fingerprintOf(planOf(this));
    this.problems = assembly.problems;
  }

  /** Every route: method, path, handler, owning extension, microversion range. */
  routes(): RouteInfo[] {
    return listRoutes(this.table);
  }

  /** The compiled routing table (for the OpenAPI document and the plan). */
  routeTable(): RoutingTable<Resource> {
    return this.table;
  }

  /** Every resource, by collection key, in registration order. */
  resources(): Resource[] {
    return [...this.resourceMap.values()];
  }

  /**
   * The request handler to mount (an Express-compatible middleware that always answers);
   * `api` names the API it serves (`osapi_compute`), the `api` label of its metrics. It
   * returns a promise only while the answer waits on something asynchronous (a body, an
   * asynchronous handler); a request answered synchronously makes none.
   */
  handler(api: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> | undefined {
    const range = this.versions;
    const table = this.table;
    // Most requests send no version (the minimum) or `latest` (the maximum): their headers
    // are worked out once.
    const minHeaders = versionHeaders(range.min);
    const maxHeaders = versionHeaders(range.max);
    const fingerprint = this.fingerprint;
    const metrics = this.metrics;
    // The `close` listener of every request: `this` is the response, which carries the
    // route and start time, so no closure (nor `once` wrapper) is made per request.
    function observeRequest(this: Observed): void {
      const req = this.req;
      if (isWarmUpRequest(req)) return;
      metrics.observeRequest(
        api,
        this[ROUTE],
        req.method ?? 'GET',
        this.statusCode,
        getContext(req).extension ?? 'none',
        (performance.now() - this[STARTED]) / 1000
      );
    }
    return function apiRouter(
      req: IncomingMessage,
      res: ServerResponse
    ): Promise<void> | undefined {
      const context = getContext(req);
      setResponseHeader(res, FINGERPRINT_HEADER, fingerprint);
      const observed = res as Observed;
      observed[STARTED] = performance.now();
      observed[ROUTE] = 'unmatched';
      // 'close' is emitted once per response.
      res.on('close', observeRequest);
      try {
        const version = resolveRequestedVersion(req.headers, range);
        context.apiVersion = version;
        setVersionHeaders(
          res,
          version === range.min
            ? minHeaders
            : version === range.max
              ? maxHeaders
              : versionHeaders(version)
        );
        const method = req.method ?? 'GET';
        const url = req.url ?? '/';
        const lookup = table.match(method, url, { method, url, headers: req.headers });
        if (lookup === null) throw new HTTPNotFound();
        if ('allowed' in lookup) throw new HTTPMethodNotAllowed(lookup.allowed);
        if ('redirect' in lookup) {
          answerRedirect(req, res, lookup);
          return undefined;
        }
        checkFormat(lookup.params);
        context.extension = lookup.route.owner;
        observed[ROUTE] = lookup.route.path;
        const pending = lookup.route.target.dispatch(
          req,
          res,
          lookup.route,
          lookup.params,
          context
        );
        return pending?.then(undefined, (error: unknown) => answerError(error, req, res));
      } catch (error) {
        answerError(error, req, res);
        return undefined;
      }
    };
  }
}

/** Sets the microversion headers, appending to any `Vary` an earlier filter (CORS) set. */
function setVersionHeaders(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
  for (const name in headers) {
    const earlier = name === 'Vary' ? res.getHeader('Vary') : undefined;
    setResponseHeader(res, name, earlier ? `${String(earlier)}, ${headers[name]}` : headers[name]!);
  }
}

function describeEntryPoint(extension: Extension<APIExtensionBase>): {
  name: string;
  label: string;
} {
  const label = extension.entryPoint
    ? `${extension.name} (${extension.entryPoint.target})`
    : extension.name;
  return { name: extension.name, label };
}
