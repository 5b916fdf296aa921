/**
 * `availability_zone` create hook: the zone to boot in. The fake deployment has one zone,
 * nova's default `nova`; any other is nova's 400 "The requested availability zone is not
 * available".
 */
import { HTTPBadRequest } from 'wharf';
import { NAME } from './parameter-types.js';

/** nova's `default_availability_zone`, the only zone of the fake deployment. */
export const DEFAULT_AVAILABILITY_ZONE = 'nova';

/** Adds `availability_zone` to server create. */
export class AvailabilityZoneCreateHook {
  /** `availability_zone`: a zone name. */
  getServerCreateSchema(): Record<string, object> {
    return { availability_zone: NAME };
  }

  /** Records the requested zone once it is known to exist. */
  serverCreate(
    server: Readonly<Record<string, unknown>>,
    kwargs: { availabilityZone?: string | null }
  ): void {
    if (typeof server.availability_zone !== 'string') return;
    if (server.availability_zone !== DEFAULT_AVAILABILITY_ZONE) {
      throw new HTTPBadRequest('The requested availability zone is not available');
    }
    kwargs.availabilityZone = server.availability_zone;
  }
}
