/**
 * `os-flavor-extra-specs`: a flavor's extra specs, nested under it (nova's
 * `FlavorExtraSpecsController`): `GET /flavors/{flavor_id}/os-extra_specs` answers
 * `{"extra_specs": {...}}` and `GET .../os-extra_specs/{key}` answers `{key: value}`.
 * `openstack flavor list` reads them for every flavor it lists.
 */
import { Controller, ResourceExtension, injectable, wsgi, type ApiRequest } from 'wharf';
import {
  ComputeExtension,
  ComputeServices,
  FlavorNotFound,
  type FlavorRepository
} from '../compute/index.js';

/** Serves `/flavors/{flavor_id}/os-extra_specs`. */
export class FlavorExtraSpecsController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.policy('os_compute_api:os-flavor-extra-specs:index')
  @wsgi.expectedErrors(404)
  async index(req: ApiRequest): Promise<unknown> {
    this.authorize(req);
    const flavors = await this.visibleFlavors(req);
    return { extra_specs: await flavors.getExtraSpecs(req.params.flavor_id!) };
  }

  @wsgi.policy('os_compute_api:os-flavor-extra-specs:show')
  @wsgi.expectedErrors(404)
  async show(req: ApiRequest): Promise<unknown> {
    this.authorize(req);
    const key = req.params.id!;
    const flavors = await this.visibleFlavors(req);
    return { [key]: await flavors.getExtraSpec(req.params.flavor_id!, key) };
  }

  /** The flavor repository, once the flavor is known to be visible to the caller. */
  private async visibleFlavors(req: ApiRequest): Promise<FlavorRepository> {
    const { flavors } = await this.services.backend();
    const flavor = await flavors.get(req.params.flavor_id!);
    // nova reads specs through the flavor, which a non-administrator sees only when public.
    if (!flavor.isPublic && !req.context.isAdmin) throw new FlavorNotFound(flavor.id);
    return flavors;
  }

  /** Checks the rule the method declares against the caller's project. */
  private authorize(req: ApiRequest): void {
    this.services.policy.authorize(req, { project_id: req.context.projectId });
  }
}

/** The `os-flavor-extra-specs` API extension. */
@injectable()
export class FlavorsExtraSpecs extends ComputeExtension {
  readonly name = 'FlavorsExtraSpecs';
  readonly alias = 'os-flavor-extra-specs';
  override readonly version = 1;
  override readonly description = "Flavors extra specs support: a flavor's key/value hints.";

  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('os-extra_specs', new FlavorExtraSpecsController(this.services), {
        memberName: 'extra_spec',
        // Extra spec keys are the caller's: `a.json` is a key, not a format.
        formatted: false,
        parent: { memberName: 'flavor', collectionName: 'flavors' }
      })
    ];
  }
}
