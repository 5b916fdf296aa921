/**
 * What the server attribute extensions share (nova's `OS-EXT-STS`, `OS-EXT-AZ`, ...): each
 * adds keys to the server views of `show` and `detail` (`{server}` or `{servers: [...]}`)
 * when the caller passes its policy rule, and leaves them out otherwise.
 *
 * The servers a response shows are read once per request, and shared by every attribute
 * extension of this package through a per-request cache, as nova's extensions read
 * `req.get_db_instance(id)`: never one query per server. When the servers resource
 * recorded the rows it showed (show, detail), those are used and nothing is read again;
 * otherwise they are read in batched queries. Reading and
 * extending a page of a thousand views gives the event loop turns as it goes.
 */
import { Controller, ControllerExtension, wsgi, type ApiRequest, type ResponseObject } from 'wharf';
import {
  chunksOf,
  ComputeExtension,
  eachInTurns,
  shownServerRows,
  TimeSlice,
  type ComputeServices,
  type ServerRow
} from '../compute/index.js';

/** One server's JSON view, as the servers controller built it. */
export type ServerView = Record<string, unknown>;

const rowsByRequest = new WeakMap<ApiRequest, Promise<Map<string, ServerRow>>>();

/** The server views of a response: `{server}` (show, create) or `{servers}` (detail). */
function serverViews(resp: ResponseObject): ServerView[] {
  const body = resp.obj as { server?: ServerView; servers?: ServerView[] } | null | undefined;
  if (Array.isArray(body?.servers)) return body.servers;
  return body?.server ? [body.server] : [];
}

/**
 * The rows of the servers the request's response shows, read once per request, a chunk at
 * a time with turns of the event loop in between.
 */
function rowsFor(
  services: ComputeServices,
  req: ApiRequest,
  views: readonly ServerView[]
): Promise<Map<string, ServerRow>> {
  let rows = rowsByRequest.get(req);
  const shown = shownServerRows(req);
  if (!rows && shown !== undefined && views.every((view) => shown.has(String(view.id)))) {
    rows = Promise.resolve(new Map(shown));
    rowsByRequest.set(req, rows);
  }
  if (!rows) {
    rows = services.backend().then(async ({ database }) => {
      const byId = new Map<string, ServerRow>();
      const slice = new TimeSlice();
      for (const chunk of chunksOf(views)) {
        await slice.turn();
        const found = await database.db
          .selectFrom('servers')
          .selectAll()
          .where(
            'id',
            'in',
            chunk.map((view) => String(view.id))
          )
          .execute();
        for (const row of found) byId.set(row.id, row);
      }
      return byId;
    });
    rowsByRequest.set(req, rows);
  }
  return rows;
}

/** A controller extension adding attributes to the server views of show and detail. */
export abstract class ServerAttributesController extends Controller {
  constructor(
    private readonly services: ComputeServices,
    /** The rule a caller must pass to see the attributes. */
    private readonly rule: string
  ) {
    super();
  }

  /** Adds this extension's keys to one server's view. */
  protected abstract addAttributes(view: ServerView, row: ServerRow): void;

  @wsgi.extends()
  show(req: ApiRequest, resp: ResponseObject): Promise<void> {
    return this.extendViews(req, resp);
  }

  @wsgi.extends()
  detail(req: ApiRequest, resp: ResponseObject): Promise<void> {
    return this.extendViews(req, resp);
  }

  /** Adds the attributes to every server view of `resp`, if policy allows. */
  protected async extendViews(req: ApiRequest, resp: ResponseObject): Promise<void> {
    // nova checks these rules against the caller's own project, not each server's.
    const target = { project_id: req.context.projectId, user_id: req.context.userId };
    if (!this.services.policy.allows(req.context, this.rule, target)) return;
    const views = serverViews(resp);
    if (views.length === 0) return;
    const rows = await rowsFor(this.services, req, views);
    await eachInTurns(views, (view) => {
      const row = rows.get(String(view.id));
      if (row) this.addAttributes(view, row);
    });
  }
}

/**
 * Class decorator of a ServerAttributesController: declares the fields (name -> JSON schema)
 * its show and detail add to every server view, as `@wsgi.addsFields` on each of them.
 */
export function addsServerFields(fields: Readonly<Record<string, object>>): ClassDecorator {
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
