/**
 * `flavors`: the API extension serving nova's flavors (`GET /flavors`, `/flavors/detail`,
 * `/flavors/{id}`), read-only over the compute library's seeded catalogue. It renders in one
 * place the keys nova's flavor-access, flavor-rxtx, flavor-extra-data and flavor-disabled
 * extensions used to add.
 */
import { ResourceExtension, injectable } from 'wharf';
import { ComputeExtension } from '../compute/index.js';
import { FlavorsController } from './flavors-controller.js';

/** The `flavors` API extension. */
@injectable()
export class Flavors extends ComputeExtension {
  readonly name = 'Flavors';
  readonly alias = 'flavors';
  override readonly version = 1;
  override readonly description = 'Flavors: the hardware templates servers are built from.';

  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('flavors', new FlavorsController(this.services), {
        memberName: 'flavor',
        collectionActions: { detail: 'GET' }
      })
    ];
  }
}
