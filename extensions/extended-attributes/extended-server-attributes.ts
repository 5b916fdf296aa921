/**
 * `OS-EXT-SRV-ATTR`: where a server runs (host, instance name, hypervisor) in show and
 * detail, for administrators only: other callers get the view without these keys, not 403.
 */
import { injectable } from 'wharf';
import type { Server } from '../compute/index.js';
import {
  addsServerFields,
  ServerAttributesController,
  ServerAttributesExtension,
  type ServerView
} from './server-attributes.js';

/** Adds `OS-EXT-SRV-ATTR:host`, `:instance_name` and `:hypervisor_hostname`. */
@addsServerFields('os_compute_api:os-extended-server-attributes', {
  'OS-EXT-SRV-ATTR:hypervisor_hostname': { type: ['string', 'null'] },
  'OS-EXT-SRV-ATTR:host': { type: ['string', 'null'] },
  'OS-EXT-SRV-ATTR:instance_name': { type: 'string' }
})
export class ExtendedServerAttributesController extends ServerAttributesController {
  protected addAttributes(view: ServerView, server: Server): void {
    view['OS-EXT-SRV-ATTR:hypervisor_hostname'] = server.hypervisorHostname;
    view['OS-EXT-SRV-ATTR:host'] = server.host;
    view['OS-EXT-SRV-ATTR:instance_name'] = server.instanceName;
  }
}

/** The `OS-EXT-SRV-ATTR` API extension. */
@injectable()
export class ExtendedServerAttributes extends ServerAttributesExtension {
  readonly name = 'ExtendedServerAttributes';
  readonly alias = 'OS-EXT-SRV-ATTR';
  override readonly version = 1;
  override readonly description = 'Extended Server Attributes support.';

  protected createController(): ServerAttributesController {
    return new ExtendedServerAttributesController(this.services);
  }
}
