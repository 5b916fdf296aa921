/** `OS-EXT-STS`: a server's vm_state, task_state and power_state in show and detail. */
import { injectable } from 'wharf';
import type { Server } from '../compute/index.js';
import {
  addsServerFields,
  ServerAttributesController,
  ServerAttributesExtension,
  type ServerView
} from './server-attributes.js';

/** Adds `OS-EXT-STS:task_state`, `OS-EXT-STS:vm_state` and `OS-EXT-STS:power_state`. */
@addsServerFields('os_compute_api:os-extended-status', {
  'OS-EXT-STS:task_state': { type: ['string', 'null'] },
  'OS-EXT-STS:vm_state': { type: 'string' },
  'OS-EXT-STS:power_state': { type: 'integer' }
})
export class ExtendedStatusController extends ServerAttributesController {
  protected addAttributes(view: ServerView, server: Server): void {
    view['OS-EXT-STS:task_state'] = server.taskState;
    view['OS-EXT-STS:vm_state'] = server.vmState;
    view['OS-EXT-STS:power_state'] = server.powerState;
  }
}

/** The `OS-EXT-STS` API extension. */
@injectable()
export class ExtendedStatus extends ServerAttributesExtension {
  readonly name = 'ExtendedStatus';
  readonly alias = 'OS-EXT-STS';
  override readonly version = 1;
  override readonly description = 'Extended Status support.';

  protected createController(): ServerAttributesController {
    return new ExtendedStatusController(this.services);
  }
}
