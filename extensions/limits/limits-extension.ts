/** `limits`: the API extension serving `GET /limits`, the project's absolute limits. */
import { ResourceExtension, injectable } from 'wharf';
import { ComputeExtension } from '../compute/index.js';
import { LimitsController } from './limits-controller.js';

/** The `limits` API extension. */
@injectable()
export class Limits extends ComputeExtension {
  readonly name = 'Limits';
  readonly alias = 'limits';
  override readonly version = 1;
  override readonly description = "Limits support: the project's absolute limits and usage.";

  override getResources(): ResourceExtension[] {
    return [new ResourceExtension('limits', new LimitsController(this.services))];
  }
}
