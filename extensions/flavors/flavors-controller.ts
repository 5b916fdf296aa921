/**
 * The flavors controller (nova's `FlavorsController`): `GET /flavors`, `GET /flavors/detail`
 * and `GET /flavors/{id}`. A non-administrator lists public, enabled flavors and cannot see
 * a private flavor at all; an administrator chooses with `is_public`.
 */
import { Controller, wsgi, type ApiRequest } from 'wharf';
import { FlavorNotFound, type ComputeServices, type Flavor } from '../compute/index.js';
import { FLAVOR_INDEX_QUERY, pageOf, parseFlavorQuery } from './flavor-query.js';
import { basicFlavor, detailedFlavor, nextPageLinks } from './flavor-view.js';

/** The policy rule every flavor read checks. */
const FLAVORS_RULE = 'os_compute_api:flavors';

/** Serves the `flavors` collection. */
export class FlavorsController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.policy(FLAVORS_RULE)
  @wsgi.expectedErrors(400)
  @wsgi.querySchema(FLAVOR_INDEX_QUERY)
  async index(req: ApiRequest): Promise<unknown> {
    return this.list(req, 'flavors', basicFlavor);
  }

  @wsgi.policy(FLAVORS_RULE)
  @wsgi.expectedErrors(400)
  @wsgi.querySchema(FLAVOR_INDEX_QUERY)
  async detail(req: ApiRequest): Promise<unknown> {
    return this.list(req, 'detail_flavors', detailedFlavor);
  }

  @wsgi.policy(FLAVORS_RULE)
  @wsgi.expectedErrors(404)
  async show(req: ApiRequest): Promise<unknown> {
    this.authorize(req);
    const { flavors } = await this.services.backend();
    const flavor = await flavors.get(req.params.id!);
    if (!flavor.isPublic && !req.context.isAdmin) throw new FlavorNotFound(flavor.id);
    return { flavor: detailedFlavor(req, flavor) };
  }

  /** One page of the flavors the caller may list, in `view`, with nova's next link. */
  private async list(
    req: ApiRequest,
    route: 'flavors' | 'detail_flavors',
    view: (req: ApiRequest, flavor: Flavor) => Record<string, unknown>
  ): Promise<unknown> {
    this.authorize(req);
    const query = parseFlavorQuery(req);
    const { flavors } = await this.services.backend();
    const scope = this.services.scope(req.context);
    const page = pageOf(await flavors.list(scope, query.filters), query);
    const links = nextPageLinks(req, route, page, query.limit);
    return {
      flavors: page.map((flavor) => view(req, flavor)),
      ...(links.length > 0 ? { flavors_links: links } : {})
    };
  }

  /** Checks the rule the method declares against the caller's project. */
  private authorize(req: ApiRequest): void {
    this.services.policy.authorize(req, { project_id: req.context.projectId });
  }
}
