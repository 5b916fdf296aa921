/**
 * Requests and responses born with the prototypes their handler gives them. An Express app
 * (which `wharf serve` hands to the server) sets its own `request` and `response` objects as
 * the prototypes of every request and response it handles, with `Object.setPrototypeOf`.
 * Changing the prototype of a live object makes V8 give it a new hidden class and sends
 * every later property access on it down a slow path: in a profile of the default pipeline
 * that cost more than all of wharf's own work. Created with those prototypes from the start,
 * the objects are identical, Express's `setPrototypeOf` finds the prototype already in place
 * and does nothing, and property accesses stay fast.
 *
 * The constructors are subclasses of Node's, and the app's `request` and `response` become
 * their prototypes (same properties, same prototype chain). A plain function calling Node's
 * constructor on `this` made objects with room for a handful of properties in the object
 * itself; Node's constructors add 30-40, and past that a symbol-keyed one turned each object
 * into a dictionary ("slow" properties) while it was being built: every response on Node 20,
 * every request and response on Node 24. A subclass's objects are sized for what Node's
 * constructor adds; `Reflect.construct` with a plain function as `new.target` sizes them too,
 * but Node 20's V8 makes a new hidden class for every object built that way.
 *
 * The request class also takes its body through a sink when a reader asks for one
 * (core/http/body-sink.ts): Node's stream machinery is skipped for it. The response class
 * keeps wharf's headers until its head is written (core/http/owned-headers.ts), with header
 * methods that show everyone else the same response (core/http/owned-header-methods.ts).
 */
import { IncomingMessage, ServerResponse, type RequestListener } from 'node:http';
import { BODY_SINK, sinkingPush, type BodySink } from '../http/body-sink.js';
import { ownedHeaderMethods } from '../http/owned-header-methods.js';
import { OWNED_HEADERS, type HeaderList } from '../http/owned-headers.js';

/** The constructors `http.createServer` takes, for a handler's prototypes. */
export interface MessageClasses {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

/** The prototypes an Express app (or any handler shaped like one) puts on requests. */
interface WithPrototypes {
  request: object;
  response: object;
}

/**
 * Constructors creating `IncomingMessage`s and `ServerResponse`s whose prototypes are the
 * handler's `request` and `response` objects, when it has both (an Express app); null for
 * any other handler, which gets Node's own classes. The handler's `request` and `response`
 * are replaced by the constructors' prototypes, copies of them (see above).
 */
export function messageClassesFor(handler: RequestListener): MessageClasses | null {
  const app = handler as Partial<WithPrototypes>;
  const { request, response } = app;
  if (!inherits(IncomingMessage, request) || !inherits(ServerResponse, response)) return null;
  const Request = subclassInPlaceOf(IncomingMessage, request);
  const Response = subclassInPlaceOf(ServerResponse, response);
  app.request = Request.prototype;
  app.response = Response.prototype;
  return { IncomingMessage: Request, ServerResponse: Response };
}

/**
 * A subclass of `base` whose prototype stands in for `prototype`: the same own properties,
 * the same prototype, and no `constructor` of its own (so `constructor` still reads
 * `base`'s, as on `prototype`).
 */
function subclassInPlaceOf<T extends typeof IncomingMessage | typeof ServerResponse>(
  base: T,
  prototype: object
): T {
  const Subclass = (base === IncomingMessage ? sinkingMessage() : owningResponse()) as unknown as T;
  const own = Subclass.prototype as object;
  delete (own as { constructor?: unknown }).constructor;
  Object.setPrototypeOf(own, Object.getPrototypeOf(prototype));
  Object.defineProperties(own, Object.getOwnPropertyDescriptors(prototype));
  if (base === IncomingMessage) {
    Object.defineProperty(own, 'push', { value: sinkingPush, writable: true, configurable: true });
  } else {
    Object.defineProperties(own, ownedHeaderMethods(own as ServerResponse));
  }
  return Subclass;
}

/**
 * The requests: Node's, born with an empty body sink (a field of every request, so every
 * request keeps one hidden class), and on the prototype a `push` that fills it when a reader
 * set it (core/http/body-sink.ts). A new class per handler, as for the responses.
 */
function sinkingMessage(): typeof IncomingMessage {
  return class extends IncomingMessage {
    [BODY_SINK]: BodySink | null = null;
  };
}

/**
 * The responses: Node's, born owning an empty header list (a field of every response, for
 * one hidden class), with the header methods defined on the prototype by the caller.
 */
function owningResponse(): typeof ServerResponse {
  return class extends ServerResponse {
    [OWNED_HEADERS]: HeaderList | null = [];
  } as unknown as typeof ServerResponse;
}

/** True when `candidate` is an object whose prototype chain holds `base.prototype`. */
function inherits(base: Function, candidate: unknown): candidate is object {
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Object.prototype.isPrototypeOf.call(base.prototype, candidate)
  );
}
