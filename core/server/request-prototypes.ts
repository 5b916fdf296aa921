/**
 * Requests and responses born with the prototypes their handler gives them. An Express app
 * (which `wharf serve` hands to the server) sets its own `request` and `response` objects as
 * the prototypes of every request and response it handles, with `Object.setPrototypeOf`.
 * Changing the prototype of a live object makes V8 give it a new hidden class and sends
 * every later property access on it down a slow path: in a profile of the default pipeline
 * that cost more than all of wharf's own work. Created with those prototypes from the start,
 * the objects are identical, Express's `setPrototypeOf` finds the prototype already in place
 * and does nothing, and property accesses stay fast.
 */
import { IncomingMessage, ServerResponse, type RequestListener } from 'node:http';
import type { Socket } from 'node:net';

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
 * any other handler, which gets Node's own classes.
 */
export function messageClassesFor(handler: RequestListener): MessageClasses | null {
  const { request, response } = handler as Partial<WithPrototypes>;
  if (
    !callable(IncomingMessage) ||
    !callable(ServerResponse) ||
    !inherits(IncomingMessage, request) ||
    !inherits(ServerResponse, response)
  ) {
    return null;
  }
  // Plain constructor functions with the prototype set: V8 keeps one hidden class for
  // every object they build (Reflect.construct with another new.target does not).
  function Request(this: IncomingMessage, socket: Socket): void {
    IncomingMessage.call(this, socket);
  }
  Request.prototype = request;
  function Response(this: ServerResponse, req: IncomingMessage, options?: object): void {
    (ServerResponse as Function).call(this, req, options);
  }
  Response.prototype = response;
  return {
    IncomingMessage: Request as unknown as typeof IncomingMessage,
    ServerResponse: Response as unknown as typeof ServerResponse
  };
}

/** True when `candidate` is an object whose prototype chain holds `base.prototype`. */
function inherits(base: Function, candidate: unknown): candidate is object {
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Object.prototype.isPrototypeOf.call(base.prototype, candidate)
  );
}

/** True for a constructor that may be called on an existing object (not an ES class). */
function callable(base: Function): boolean {
  return !Function.prototype.toString.call(base).startsWith('class');
}
