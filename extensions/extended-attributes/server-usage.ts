/**
 * `OS-SRV-USG`: when a server was launched and terminated, in show and detail, written as
 * nova writes them: `2013-04-25T00:00:05.000000` (UTC, no zone), or null.
 */
import { injectable } from 'wharf';
import type { Server } from '../compute/index.js';
import {
  addsServerFields,
  ServerAttributesController,
  ServerAttributesExtension,
  type ServerView
} from './server-attributes.js';

/** nova's str() of a zone-less datetime, with microseconds. */
function usageTime(value: Date | null): string | null {
  return value === null ? null : `${value.toISOString().slice(0, -1)}000`;
}

/** Adds `OS-SRV-USG:launched_at` and `OS-SRV-USG:terminated_at`. */
@addsServerFields('os_compute_api:os-server-usage', {
  'OS-SRV-USG:launched_at': { type: ['string', 'null'] },
  'OS-SRV-USG:terminated_at': { type: ['string', 'null'] }
})
export class ServerUsageController extends ServerAttributesController {
  protected addAttributes(view: ServerView, server: Server): void {
    view['OS-SRV-USG:launched_at'] = usageTime(server.launchedAt);
    view['OS-SRV-USG:terminated_at'] = usageTime(server.terminatedAt);
  }
}

/** The `OS-SRV-USG` API extension. */
@injectable()
export class ServerUsage extends ServerAttributesExtension {
  readonly name = 'ServerUsage';
  readonly alias = 'OS-SRV-USG';
  override readonly version = 1;
  override readonly description = 'Adds launched_at and terminated_at on Servers.';

  protected createController(): ServerAttributesController {
    return new ServerUsageController(this.services);
  }
}
