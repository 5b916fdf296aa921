/**
 * `OS-EXT-AZ`: a server's availability zone in show and detail. Once a server is on a host
 * it is the zone it was booted in, else nova's default `nova`; before that, the zone it
 * asked for, or "".
 */
import { injectable } from 'wharf';
import type { Server } from '../compute/index.js';
import {
  addsServerFields,
  ServerAttributesController,
  ServerAttributesExtension,
  type ServerView
} from './server-attributes.js';

/** nova's `default_availability_zone`: the zone of every compute host of the deployment. */
const HOST_AVAILABILITY_ZONE = 'nova';

/** Adds `OS-EXT-AZ:availability_zone`. */
@addsServerFields('os_compute_api:os-extended-availability-zone', {
  'OS-EXT-AZ:availability_zone': { type: 'string' }
})
export class ExtendedAvailabilityZoneController extends ServerAttributesController {
  protected addAttributes(view: ServerView, server: Server): void {
    view['OS-EXT-AZ:availability_zone'] =
      server.availabilityZone ?? (server.host ? HOST_AVAILABILITY_ZONE : '');
  }
}

/** The `OS-EXT-AZ` API extension. */
@injectable()
export class ExtendedAvailabilityZone extends ServerAttributesExtension {
  readonly name = 'ExtendedAvailabilityZone';
  readonly alias = 'OS-EXT-AZ';
  override readonly version = 1;
  override readonly description = 'Extended Availability Zone support.';

  protected createController(): ServerAttributesController {
    return new ExtendedAvailabilityZoneController(this.services);
  }
}
