/**
 * Running a dispatch plan: pre-processors, the handler, post-processors, each attributed to
 * the extension that contributed it, then sending the response they made.
 *
 * - The plan runs in the extension scope of its handler's extension, and a processor of
 *   another extension in its own scope, so what their code logs or leaves behind names them.
 * - A step that throws or rejects an error it did not declare becomes an
 *   ExtensionFaultError naming that step's extension (a 500 whose body names nothing), is
 *   counted as its fault, and the request log's `extension` names it.
 * - Processors of a quarantined extension are skipped; the rest of the plan runs.
 * - Each step sees the policy rule it declares (`@wsgi.policy`) as `request.policy`.
 * - A step that goes asynchronous is watched by the request deadline; a result or error
 *   arriving after the deadline answered is discarded and logged.
 * - A response that cannot be sent (a body JSON cannot hold, a bad header value) is a 500
 *   whose logged message names the handler's extension and every processor that shaped the
 *   response; it counts as nobody's fault, since any of them may have caused it.
 *
 * - With the `tracing` filter on, each step is a span of its own (`Controller.method`,
 *   attributed to its extension), a child of the request's.
 *
 * Steps are awaited only when they return a promise: most answer synchronously, and every
 * `await` costs a turn of the microtask queue. A plan whose steps all answer synchronously
 * runs and sends without making any promise (on Node 20, where the extension scope's
 * AsyncLocalStorage runs a hook for every promise made inside it, each one is dear).
 */
import type { ServerResponse } from 'node:http';
import type { MicroversionLike } from '../context.js';
import { ExtensionFaultError, HTTPInternalServerError, isWharfError } from '../errors.js';
import { ExtensionScope, runInScope } from '../extension-scope.js';
import type { ApiRequest } from './api-request.js';
import {
  expectedErrorsFor,
  isAvailable,
  responseCodeFor,
  type ExtensionMethodSpec,
  type MethodSpec
} from './controller-descriptor.js';
import type { DispatchPlan, Owned } from './dispatch-plan.js';
import type { ApiMetrics } from './api-metrics.js';
import type { ExtensionHealth } from './extension-health.js';
import type { DeclaredPolicy } from './metadata-keys.js';
import type { RequestDeadlines, Watched } from './request-deadlines.js';
import { isResponseObject, ResponseObject } from './response-object.js';
import { sendResponse } from './send-response.js';
import { isPromiseLike } from '../promise-like.js';

/** What plans run under: the router's fault counts and quarantine, and its deadlines. */
export interface ExtensionRuntime {
  /** Fault counts and quarantine of the router's extensions. */
  health: ExtensionHealth;
  /** The deadlines of the router's asynchronous requests. */
  deadlines: RequestDeadlines;
  /** Where processor times are recorded; absent, they are not. */
  metrics?: ApiMetrics;
}

/**
 * Statuses any handler may raise whatever it declares: validation, auth and policy, and 503
 * for a backing service (database, identity) that cannot answer now, which is no fault of
 * the extension and must reach the client as a 503 with its `Retry-After`.
 */
const ALWAYS_EXPECTED = new Set([400, 401, 403, 503]);

/**
 * Runs `plan` for `request` and sends its response (unless the deadline already answered).
 * Returns a promise only when a step went asynchronous (undefined when the whole plan ran and
 * answered synchronously); throws, or rejects with, the error to answer instead (an
 * ExtensionFaultError for faults).
 */
export function runPlan(
  plan: DispatchPlan,
  request: ApiRequest,
  res: ServerResponse,
  runtime: ExtensionRuntime
): Promise<void> | undefined {
  const run = new PlanRun(plan, request, res, runtime);
  return runInScope(run, execute, run);
}

function execute(run: PlanRun): Promise<void> | undefined {
  return run.execute();
}

/**
 * One request's run of a plan; it is also the scope of the handler's extension.
 *
 * The steps are numbered in the order they run: the pre-processors, the handler (at
 * `plan.pre.length`), then the post-processors. The run goes through them synchronously and
 * turns into a promise only at the first step that returns one, carrying on from the next
 * step once it settles: a plan whose steps all answer synchronously allocates no promise.
 */
class PlanRun extends ExtensionScope {
  private step: Owned<MethodSpec>;
  private watched: Watched | null = null;
  /** What will be sent; null until the handler (or a pre-processor) answered, or when discarded. */
  private response: ResponseObject | null = null;

  constructor(
    private readonly plan: DispatchPlan,
    private readonly request: ApiRequest,
    private readonly res: ServerResponse,
    private readonly runtime: ExtensionRuntime
  ) {
    super(plan.main.owner, request.context, runtime.health);
    this.step = plan.main;
  }

  /** Runs the steps, then sends; a promise only when a step went asynchronous. */
  execute(): Promise<void> | undefined {
    let pending: Promise<void> | undefined;
    try {
      pending = this.runFrom(0);
    } catch (error) {
      this.fail(error);
      return undefined;
    }
    if (pending === undefined) {
      this.finish();
      return undefined;
    }
    return pending.then(
      () => this.finish(),
      (error: unknown) => this.fail(error)
    );
  }

  /** Runs the steps from `start` on; returns a promise at the first step that gives one. */
  private runFrom(start: number): Promise<void> | undefined {
    const { plan } = this;
    const version = this.context.apiVersion!;
    const last = plan.pre.length + plan.post.length;
    for (let index = start; index <= last; index += 1) {
      const step = this.stepAt(index);
      if (step !== plan.main && !this.runs(step, version)) continue;
      const produced = this.invoke(step, index > plan.pre.length ? this.response! : undefined);
      if (isPromiseLike(produced)) {
        this.watch(step.owner);
        return this.settle(index, produced);
      }
      if (this.accept(index, produced)) return undefined;
    }
    return undefined;
  }

  /** Waits for the asynchronous step `index`, then carries on from the next one. */
  private async settle(index: number, produced: PromiseLike<unknown>): Promise<void> {
    const value = await produced;
    if (this.discardsLate('result')) {
      this.response = null;
      return;
    }
    if (!this.accept(index, value)) await this.runFrom(index + 1);
  }

  /** The step numbered `index` (see the class comment). */
  private stepAt(index: number): Owned<MethodSpec> {
    const { pre, main, post } = this.plan;
    if (index < pre.length) return pre[index]!;
    return index === pre.length ? main : post[index - pre.length - 1]!;
  }

  /**
   * Takes what step `index` returned; true when the plan stops there (a pre-processor that
   * answered: the handler and the post-processors do not run).
   */
  private accept(index: number, value: unknown): boolean {
    const handler = this.plan.pre.length;
    if (index < handler) {
      if (!isResponseObject(value)) return false;
      this.response = value;
      return true;
    }
    if (index === handler)
      this.response = isResponseObject(value) ? value : new ResponseObject(value);
    else if (isResponseObject(value)) this.response = value;
    return false;
  }

  /** After the last step: releases the deadline and sends, unless a late result was discarded. */
  private finish(): void {
    const response = this.release();
    if (response !== null) this.send(response);
  }

  /** A step failed: nothing when the deadline already answered, else the error to answer. */
  private fail(error: unknown): void {
    try {
      if (this.discardsLate('error', error)) return;
      throw this.faultOf(error);
    } finally {
      this.release();
    }
  }

  /**
   * Releases the deadline and lets go of the response, returning it. The run is the scope of
   * what it starts, and what it starts while sending (the socket's write) keeps the run alive
   * past the response: it must not keep the response's body alive with it (a 100-server
   * listing held that way across other requests cost 1.3x the CPU under load, in the GC).
   */
  private release(): ResponseObject | null {
    if (this.watched !== null && !this.watched.expired)
      this.runtime.deadlines.release(this.watched);
    const response = this.response;
    this.response = null;
    return response;
  }

  private send(response: ResponseObject): void {
    const version = this.context.apiVersion!;
    try {
      sendResponse(
        this.res,
        response.code ?? responseCodeFor(this.plan.main.spec, version),
        response
      );
    } catch (error) {
      const shapers = [
        this.plan.main,
        ...this.plan.post.filter((post) => this.runs(post, version))
      ];
      throw new HTTPInternalServerError(
        `the response of ${describe(this.plan.main)} cannot be sent; extensions that shaped it: ${shapers.map((step) => step.owner).join(', ')}`,
        { cause: error }
      );
    }
  }

  /** A processor runs when it exists at the version and its extension is not quarantined. */
  private runs(step: Owned<MethodSpec>, version: MicroversionLike): boolean {
    return isAvailable(step.spec, version) && !this.runtime.health.isQuarantined(step.owner);
  }

  /**
   * Calls a step, observed when it settles: traced as a span of its own when the `tracing`
   * filter is on, and timed into the metrics when it is a pre- or post-processor.
   */
  private invoke(step: Owned<MethodSpec>, response: ResponseObject | undefined): unknown {
    this.step = step;
    (this.request as { policy: DeclaredPolicy | null }).policy = step.spec.policy;
    const settled = this.observerOf(step);
    if (settled === null) return this.call(step, response);
    let result: unknown;
    try {
      result = this.call(step, response);
    } catch (error) {
      settled(error);
      throw error;
    }
    if (!isPromiseLike(result)) {
      settled();
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        settled();
        return value;
      },
      (error: unknown) => {
        settled(error);
        throw error;
      }
    );
  }

  /** What to call when a step settles (with its error, if it failed), or null: nothing watches. */
  private observerOf(step: Owned<MethodSpec>): ((error?: unknown) => void) | null {
    const { traceStep } = this.context;
    const span =
      traceStep === null ? null : traceStep(`${step.controller}.${step.spec.property}`, step.owner);
    const metrics = step === this.plan.main ? undefined : this.runtime.metrics;
    if (span === null && metrics === undefined) return null;
    const started = performance.now();
    return (error) => {
      span?.end(error);
      metrics?.observeProcessor(
        step.owner,
        (step.spec as ExtensionMethodSpec).phase,
        (performance.now() - started) / 1000
      );
    };
  }

  /** Calls a step, in its own extension's scope when that is not the handler's. */
  private call(step: Owned<MethodSpec>, response: ResponseObject | undefined): unknown {
    const { invoke } = step.spec;
    if (step.owner === this.extension)
      return response === undefined ? invoke(this.request) : invoke(this.request, response);
    const scope = new ExtensionScope(step.owner, this.context, this.faults);
    return response === undefined
      ? runInScope(scope, invoke, this.request)
      : runInScope(scope, invoke, this.request, response);
  }

  /** Puts the request under its deadline (the handler's extension's), blaming `owner` now. */
  private watch(owner: string): void {
    this.watched ??= this.runtime.deadlines.watch(this.res, this.context, this.extension);
    if (this.watched !== null) this.watched.extension = owner;
  }

  /** True, after logging it, when the deadline already answered: what came late is dropped. */
  private discardsLate(what: 'result' | 'error', error?: unknown): boolean {
    if (this.watched === null || !this.watched.expired) return false;
    const owner = this.step.owner;
    this.context.logger.warn(
      `late ${what} of extension ${owner} discarded: the request deadline had answered it`,
      {
        extension: owner,
        requestId: this.context.requestId,
        ...(what === 'error'
          ? { error: error instanceof Error ? error.message : String(error) }
          : {})
      }
    );
    return true;
  }

  /**
   * The error to answer for what the current step threw: a declared HTTP error as it is, and
   * anything else an ExtensionFaultError counted as the step's extension's fault. Either way
   * the request log names the step's extension.
   */
  private faultOf(error: unknown): unknown {
    const { spec, owner } = this.step;
    this.context.extension = owner;
    if (isWharfError(error) && error.statusCode !== 500) {
      const expected = expectedErrorsFor(spec, this.context.apiVersion!);
      if (
        expected === null ||
        expected.includes(error.statusCode) ||
        ALWAYS_EXPECTED.has(error.statusCode)
      )
        return error;
    }
    this.faults.recordFault(owner, 'error', this.context.requestId);
    return new ExtensionFaultError(owner, `unexpected error in ${describe(this.step)}`, {
      cause: error
    });
  }
}

function describe({ spec, owner, controller }: Owned<MethodSpec>): string {
  return `${controller}.${spec.property}() of extension ${owner}`;
}
