/**
 * The per-request context: who is calling, which request this is, which microversion it
 * asked for. The request-id filter creates it, auth fills in the caller, the resource sets
 * the microversion, and handlers and extension methods receive it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { defaultLogger, type Logger } from './logger.js';

/** A parsed microversion as the context carries it. */
export interface MicroversionLike {
  /** The major version (2 of `2.79`). */
  readonly major: number;
  /** The minor version (79 of `2.79`). */
  readonly minor: number;
  /** The version as a header carries it (`2.79`). */
  toString(): string;
}

/** One traced step of a request, ended once, with the error when the step failed. */
export interface StepSpan {
  /** Ends the span; `error` when the step failed. */
  end(error?: unknown): void;
}

/** Starts the span of one step of the request (`Controller.method` of `extension`). */
export type StepTracer = (name: string, extension: string) => StepSpan;

/** Everything a handler may know about the request it serves. */
export interface RequestContext {
  /** `req-<uuid4>`, echoed in `x-openstack-request-id` and `x-compute-request-id`. */
  requestId: string;
  /** An incoming `X-Openstack-Request-Id` of the right form, kept for the logs. */
  globalRequestId: string | null;
  /** The authenticated user, or null before auth. */
  userId: string | null;
  /** The authenticated project, or null before auth. */
  projectId: string | null;
  /** The caller's user domain, when the identity service names one (Keystone), else null. */
  userDomainId: string | null;
  /** The caller's project domain, when the identity service names one (Keystone), else null. */
  projectDomainId: string | null;
  /** Roles of the caller. */
  roles: string[];
  /** Whether the caller is an administrator. */
  isAdmin: boolean;
  /** The microversion the request asked for, set by the resource. */
  apiVersion: MicroversionLike | null;
  /** The extension owning the matched route, for the request log. */
  extension: string | null;
  /** A logger whose lines carry the request id. */
  logger: Logger;
  /** Set by the `tracing` filter when it is on: traces each extension step of the request. */
  traceStep: StepTracer | null;
}

const CONTEXT = Symbol.for('wharf.request-context');

type WithContext = IncomingMessage & { [CONTEXT]?: RequestContext };

/** Builds a fresh `req-<uuid4>` request id. */
export function newRequestId(): string {
  return `req-${randomUUID()}`;
}

/** Creates an anonymous context with a fresh request id. */
export function createContext(overrides: Partial<RequestContext> = {}): RequestContext {
  const requestId = overrides.requestId ?? newRequestId();
  return {
    requestId,
    globalRequestId: null,
    userId: null,
    projectId: null,
    userDomainId: null,
    projectDomainId: null,
    roles: [],
    isAdmin: false,
    apiVersion: null,
    extension: null,
    traceStep: null,
    logger: overrides.logger ?? defaultLogger(),
    ...overrides
  };
}

/**
 * The context of one request whose logger is the child of `parent` carrying the request's
 * ids, built the first time something reads `logger`: most requests never log through it
 * (the request log writes through the root logger), and a winston child per request was a
 * measurable share of a request. The accessor is on the class's prototype, so every
 * context keeps one hidden class (an object literal with an accessor would not).
 */
class LazyLoggerContext implements RequestContext {
  globalRequestId: string | null;
  userId: string | null = null;
  projectId: string | null = null;
  userDomainId: string | null = null;
  projectDomainId: string | null = null;
  roles: string[] = [];
  isAdmin = false;
  apiVersion: MicroversionLike | null = null;
  extension: string | null = null;
  traceStep: StepTracer | null = null;
  #childLogger: Logger | undefined = undefined;
  readonly #parentLogger: Logger;

  constructor(
    public requestId: string,
    globalRequestId: string | null,
    parentLogger: Logger
  ) {
    this.globalRequestId = globalRequestId;
    this.#parentLogger = parentLogger;
  }

  get logger(): Logger {
    this.#childLogger ??= this.#parentLogger.child(
      this.globalRequestId === null
        ? { requestId: this.requestId }
        : { requestId: this.requestId, globalRequestId: this.globalRequestId }
    );
    return this.#childLogger;
  }

  set logger(logger: Logger) {
    this.#childLogger = logger;
  }
}

/**
 * The context of a request the `request_id` filter starts: anonymous, with `logger` the
 * child of `parent` whose lines carry `requestId` (and `globalRequestId` when there is one),
 * made on first use.
 */
export function createRequestContext(
  requestId: string,
  globalRequestId: string | null,
  parent: Logger
): RequestContext {
  return new LazyLoggerContext(requestId, globalRequestId, parent);
}

/** The context attached to a request, created on first use. */
export function getContext(req: IncomingMessage): RequestContext {
  const holder = req as WithContext;
  holder[CONTEXT] ??= createContext();
  return holder[CONTEXT];
}

/** The context attached to a request, or undefined when nothing gave it one yet. */
export function findContext(req: IncomingMessage): RequestContext | undefined {
  return (req as WithContext)[CONTEXT];
}

/** Attaches a context to a request, replacing any earlier one. */
export function setContext(req: IncomingMessage, context: RequestContext): void {
  (req as WithContext)[CONTEXT] = context;
}
