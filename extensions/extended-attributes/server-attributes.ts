/**
 * What the server attribute extensions share (nova's `OS-EXT-STS`, `OS-EXT-AZ`, ...): each
 * adds keys to the server views of `show` and `detail` (`{server}` or `{servers: [...]}`)
 * when the caller passes its policy rule, and leaves them out otherwise. The rule is
 * declared once, with the fields (`@addsServerFields`), so the deployment plan shows it.
 *
 * The servers a response shows are read once per request, by the servers resource: each
 * view it builds carries the Server record it shows (`showsServer`), and every attribute
 * extension of this package takes its values from there, as nova's extensions read
 * `req.get_db_instance(id)`: never one query per server, nor a second read of the page. A
 * view that carries no server (a response some other extension replaced) gets no
 * attributes. Extending a page of a thousand views gives the event loop turns as it goes,
 * within the request's time slice; extending what fits in the slice (a show, a create, most
 * pages) answers synchronously, so the plan runs the next step without an await.
 */
import { Controller, ControllerExtension, wsgi, type ApiRequest, type ResponseObject } from 'wharf';
import {
  ComputeExtension,
  eachInTurns,
  requestSlice,
  shownServer,
  type ComputeServices,
  type Server
} from '../compute/index.js';

/** One server's JSON view, as the servers controller built it. */
export type ServerView = Record<string, unknown>;

/** The server views of a response: `{server}` (show, create) or `{servers}` (detail). */
function serverViews(resp: ResponseObject): ServerView[] {
  const body = resp.obj as { server?: ServerView; servers?: ServerView[] } | null | undefined;
  if (Array.isArray(body?.servers)) return body.servers;
  return body?.server ? [body.server] : [];
}

/** A controller extension adding attributes to the server views of show and detail. */
export abstract class ServerAttributesController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  /** Adds this extension's keys to the view of `server`. */
  protected abstract addAttributes(view: ServerView, server: Server): void;

  @wsgi.extends()
  show(req: ApiRequest, resp: ResponseObject): Promise<void> | undefined {
    return this.extendViews(req, resp);
  }

  @wsgi.extends()
  detail(req: ApiRequest, resp: ResponseObject): Promise<void> | undefined {
    return this.extendViews(req, resp);
  }

  /**
   * Adds the attributes to every server view of `resp`, if the declared rule allows; a
   * promise only when the views took turns of the event loop (eachInTurns).
   */
  protected extendViews(req: ApiRequest, resp: ResponseObject): Promise<void> | undefined {
    // nova checks these rules against the caller's own project, not each server's.
    const target = { project_id: req.context.projectId, user_id: req.context.userId };
    if (!this.services.policy.allows(req, target)) return undefined;
    return eachInTurns(serverViews(resp), requestSlice(req), (view) => {
      const server = shownServer(view);
      if (server !== undefined) this.addAttributes(view, server);
    });
  }
}

/**
 * Class decorator of a ServerAttributesController: declares the policy rule a caller must
 * pass to see the attributes and the fields (name -> JSON schema) its show and detail add to
 * every server view, as `@wsgi.policy` and `@wsgi.addsFields` on each of them.
 */
export function addsServerFields(
  rule: string,
  fields: Readonly<Record<string, object>>
): ClassDecorator {
  return (controller) => {
    for (const [method, at] of [
      ['show', 'server'],
      ['detail', 'servers[]']
    ] as const) {
      const descriptor = Object.getOwnPropertyDescriptor(
        ServerAttributesController.prototype,
        method
      );
      wsgi.addsFields(at, fields)(controller.prototype as object, method, descriptor!);
      wsgi.policy(rule)(controller.prototype as object, method, descriptor!);
    }
  };
}

/** An API extension contributing one ServerAttributesController to `servers`. */
export abstract class ServerAttributesExtension extends ComputeExtension {
  /** The controller adding this extension's attributes. */
  protected abstract createController(): ServerAttributesController;

  override getControllerExtensions(): ControllerExtension[] {
    return [new ControllerExtension(this, 'servers', this.createController())];
  }
}
