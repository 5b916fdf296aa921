/**
 * `os-quota-sets`: the API extension serving each project's quotas at
 * `/os-quota-sets/{project_id}` (GET, PUT, DELETE) with `/defaults` and `/detail`.
 */
import { ResourceExtension, injectable } from 'wharf';
import { ComputeExtension } from '../compute/index.js';
import { QuotaSetsController } from './quota-sets-controller.js';

/** The `os-quota-sets` API extension. */
@injectable()
export class QuotaSets extends ComputeExtension {
  readonly name = 'Quotas';
  readonly alias = 'os-quota-sets';
  override readonly version = 1;
  override readonly description = 'Quotas management support: per-project limits.';

  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('os-quota-sets', new QuotaSetsController(this.services), {
        memberName: 'quota_set',
        memberActions: { defaults: 'GET', detail: 'GET' }
      })
    ];
  }
}
