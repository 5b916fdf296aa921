/**
 * Resource: one collection's request handling (nova's `wsgi.Resource`). It merges the main
 * controller with the actions and extension methods of controller extensions, seals them
 * into dispatch plans, and serves a matched route in the order of the compute contract:
 * content type (415), method or action lookup (404 / 400), body (400), project id (400),
 * version guard (404), schema (400), pre-extensions, handler, post-extensions, response code.
 * A quarantined extension's handlers answer 503 right after the lookup (see plan-runner.ts for
 * how the extension code runs).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../context.js';
import {
  ExtensionConflictError,
  ExtensionQuarantinedError,
  HTTPNotFound,
  NoSuchActionError,
  ProjectIdMismatchError
} from '../errors.js';
import { publicBaseUrl } from '../http/public-url.js';
import type { RouteSpec } from '../routing/index.js';
import {
  describeController,
  isAvailable,
  validatorFor,
  type ControllerDescriptor,
  type ExtensionMethodSpec,
  type MethodSpec
} from './controller-descriptor.js';
import type { Controller } from './controller.js';
import { buildPlan, type DispatchPlan, type Owned } from './dispatch-plan.js';
import { isLegacyV2 } from '../http/legacy-v2.js';
import { runPlan, type ExtensionRuntime } from './plan-runner.js';
import { checkContentType, malformedBody, parseQuery, readJsonBody } from './request-body.js';
import { URL_SOURCE, urlForRequest, type RoutedRequest, type UrlSource } from './request-urls.js';

/** One collection, its controller, and everything extensions added to it. */
export class Resource {
  /** The main controller, described once. */
  readonly descriptor: ControllerDescriptor;
  /** Resource whose extension methods also apply here (`inherits`). */
  inheritsFrom: Resource | null = null;
  /** The compiled routing table `request.urlFor` generates from (set at assembly). */
  urls: UrlSource | null = null;
  private readonly actions = new Map<string, Owned<MethodSpec>>();
  private readonly extensionMethods: Owned<ExtensionMethodSpec>[] = [];
  // Keyed by method name and by action key, so a request looks its plan up by a name it
  // already holds.
  /** Per method, one plan per versioned variant (one plan for most methods). */
  private methodPlans = new Map<string, DispatchPlan[]>();
  private actionPlans = new Map<string, DispatchPlan>();
  private runtime!: ExtensionRuntime;

  constructor(
    /** The collection's key (`servers`, or `servers/metadata` when nested). */
    readonly collection: string,
    /**
     * The main controller (shared with the inherited collection's when the resource has
     * none of its own).
     */
    readonly controller: Controller,
    /** Alias of the extension that added the collection. */
    readonly owner: string
  ) {
    this.descriptor = describeController(controller);
    this.addController(this.descriptor, owner);
  }

  /** Adds a controller extension's actions and extension methods; refuses a taken action key. */
  addController(descriptor: ControllerDescriptor, owner: string): void {
    for (const [key, spec] of descriptor.actions) {
      const existing = this.actions.get(key);
      if (existing) {
        throw new ExtensionConflictError(
          `extensions ${existing.owner} and ${owner} both define action "${key}" on ${this.collection}`,
          [existing.owner, owner]
        );
      }
      this.actions.set(key, { spec, owner, controller: descriptor.controllerName });
    }
    for (const spec of descriptor.extensions)
      this.extensionMethods.push({ spec, owner, controller: descriptor.controllerName });
  }

  /** Action keys, in registration order. */
  actionKeys(): string[] {
    return [...this.actions.keys()];
  }

  /** Every action and extension method, with its owner (for listings). */
  contributions(): { actions: [string, string][]; extended: [string, string][] } {
    return {
      actions: [...this.actions].map(([key, { owner }]) => [key, owner]),
      extended: this.extensionMethods.map(({ spec, owner }) => [describeTarget(spec), owner])
    };
  }

  /**
   * Works out every dispatch plan and takes the runtime they run under (fault counts,
   * quarantine, deadlines); called once, after all extensions are registered.
   */
  seal(runtime: ExtensionRuntime): void {
    this.runtime = runtime;
    const inherited = this.inheritsFrom?.extensionMethods ?? [];
    // Plain loops over the maps: spreading them into arrays first cost more than the plans
    // themselves, once per resource at start-up (1000 at 1000 collections).
    const extensions =
      inherited.length === 0 ? this.extensionMethods : [...inherited, ...this.extensionMethods];
    const { controllerName } = this.descriptor;
    const methodPlans = new Map<string, DispatchPlan[]>();
    const actionPlans = new Map<string, DispatchPlan>();
    for (const [name, spec] of this.descriptor.methods) {
      const main = { spec, owner: this.owner, controller: controllerName };
      methodPlans.set(name, [buildPlan('method', name, main, extensions)]);
    }
    for (const [name, specs] of this.descriptor.variants) {
      const plans: DispatchPlan[] = [];
      for (const spec of specs) {
        const main = { spec, owner: this.owner, controller: controllerName };
        plans.push(buildPlan('method', name, main, extensions));
      }
      methodPlans.set(name, plans);
    }
    for (const [key, main] of this.actions)
      actionPlans.set(key, buildPlan('action', key, main, extensions));
    this.methodPlans = methodPlans;
    this.actionPlans = actionPlans;
  }

  /** Every dispatch plan, by kind and name (for the OpenAPI document and the plan). */
  plans(): { kind: 'method' | 'action'; name: string; plan: DispatchPlan }[] {
    const listed: { kind: 'method' | 'action'; name: string; plan: DispatchPlan }[] = [];
    for (const [name, plans] of this.methodPlans) {
      for (const plan of plans) listed.push({ kind: 'method', name, plan });
    }
    for (const [name, plan] of this.actionPlans) listed.push({ kind: 'action', name, plan });
    return listed;
  }

  /** The extension methods added to this resource itself (not through `inherits`). */
  ownExtensionMethods(): readonly Owned<ExtensionMethodSpec>[] {
    return this.extensionMethods;
  }

  /** True when the resource has the method, or the action key, an extension method targets. */
  hasTarget(target: ExtensionMethodSpec['target']): boolean {
    return target.kind === 'method'
      ? this.descriptor.methods.has(target.name) || this.descriptor.variants.has(target.name)
      : this.actions.has(target.name);
  }

  /**
   * The plan a route serves, the first version's when the method has versioned variants;
   * undefined when the controller lacks the method.
   */
  planFor(kind: 'method' | 'action', name: string): DispatchPlan | undefined {
    return this.plansFor(kind, name)[0];
  }

  /**
   * The plans a route serves (for listings), one per versioned variant; empty when the
   * controller lacks the method or action.
   */
  plansFor(kind: 'method' | 'action', name: string): DispatchPlan[] {
    if (kind === 'method') return this.methodPlans.get(name) ?? [];
    const plan = this.actionPlans.get(name);
    return plan === undefined ? [] : [plan];
  }

  /**
   * Serves one matched request; throws (or, once asynchronous, rejects with) HTTP errors for
   * the caller to turn into faults. Returns a promise only when the request has to wait: for
   * its body, or for a step of its plan that went asynchronous.
   */
  dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    route: RouteSpec<Resource>,
    params: Record<string, string>,
    context: RequestContext
  ): Promise<void> | undefined {
    checkContentType(req.headers['content-type']);
    if (route.action === 'action')
      return readJsonBody(req).then((body) =>
        this.serve(req, res, this.actionPlanFor(body), params, context, body)
      );
    const plans = this.methodPlans.get(route.action);
    if (!plans) throw new HTTPNotFound();
    const version = context.apiVersion!;
    // The variant whose range holds the version; else the first, which answers 404 below.
    const plan = plans.find((candidate) => isAvailable(candidate.main.spec, version)) ?? plans[0]!;
    if (req.method === 'POST' || req.method === 'PUT')
      return readJsonBody(req).then((body) => this.serve(req, res, plan, params, context, body));
    return this.serve(req, res, plan, params, context, null);
  }

  /** The plan of the action the body of an action request names. */
  private actionPlanFor(body: unknown): DispatchPlan {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformedBody();
    const keys = Object.keys(body);
    if (keys.length !== 1) throw malformedBody();
    const plan = this.actionPlans.get(keys[0]!);
    if (!plan) throw new NoSuchActionError(`There is no such action: ${keys[0]}`);
    return plan;
  }

  /** The checks after the lookup (quarantine, project id, version, schemas), then the plan. */
  private serve(
    req: IncomingMessage,
    res: ServerResponse,
    plan: DispatchPlan,
    params: Record<string, string>,
    context: RequestContext,
    body: unknown
  ): Promise<void> | undefined {
    const version = context.apiVersion!;
    context.extension = plan.main.owner;
    const retryAfter = this.runtime.health.retryAfter(plan.main.owner);
    if (retryAfter > 0) throw new ExtensionQuarantinedError(retryAfter);
    checkProjectId(params.project_id, context);
    const main = plan.main.spec;
    if (!isAvailable(main, version)) throw new HTTPNotFound();
    const legacyV2 = isLegacyV2(req);
    validatorFor(main.schemas, version)?.(body, legacyV2);
    const url = req.url ?? '';
    const query = parseQuery(url);
    validatorFor(main.querySchemas, version)?.(query);
    const questionMark = url.indexOf('?');
    // The URLs are plain strings, worked out here: an object literal with getters costs
    // V8 more per request than building both strings.
    const apiUrl = publicBaseUrl(req);
    const mount = (req as IncomingMessage & { baseUrl?: string }).baseUrl ?? '';
    const request = {
      context,
      params,
      query,
      body,
      headers: req.headers,
      method: req.method ?? 'GET',
      path: questionMark === -1 ? url : url.slice(0, questionMark),
      apiUrl,
      rootUrl:
        mount && apiUrl.endsWith(mount) ? apiUrl.slice(0, apiUrl.length - mount.length) : apiUrl,
      legacyV2,
      policy: main.policy,
      urlFor: urlForRequest
    } as RoutedRequest;
    // Stored after the literal, not as a computed key in it: with 1000 resources V8 defined
    // the literal's computed key through the runtime on every request, with a map transition
    // and a migration each time (docs/performance.md, "The request path, session 14").
    (request as { [URL_SOURCE]: UrlSource | null })[URL_SOURCE] = this.urls;
    return runPlan(plan, request, res, this.runtime);
  }
}

function checkProjectId(fromUrl: string | undefined, context: RequestContext): void {
  if (fromUrl === undefined || context.projectId === null || fromUrl === context.projectId) return;
  throw new ProjectIdMismatchError(
    `Malformed request URL: URL's project_id '${fromUrl}' doesn't match Context's project_id '${context.projectId}'`
  );
}

function describeTarget(spec: ExtensionMethodSpec): string {
  const target = spec.target.kind === 'action' ? `action:${spec.target.name}` : spec.target.name;
  return spec.phase === 'pre' ? `${target}(pre)` : target;
}
