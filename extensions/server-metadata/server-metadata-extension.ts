/**
 * `server-metadata`: the API extension serving a server's metadata, nested under the
 * `servers` resource another extension adds: `/servers/{server_id}/metadata` (GET, POST
 * merges, PUT replaces) and `/servers/{server_id}/metadata/{key}` (GET, PUT, DELETE).
 */
import { ResourceExtension, injectable, type Mapper, type Resource } from 'wharf';
import { ComputeExtension } from '../compute/index.js';
import { ServerMetadataController } from './server-metadata-controller.js';

/** The `server-metadata` API extension. */
@injectable()
export class ServerMetadata extends ComputeExtension {
  readonly name = 'ServerMetadata';
  readonly alias = 'server-metadata';
  override readonly version = 1;
  override readonly description = 'Server metadata: key/value pairs on a server.';

  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('metadata', new ServerMetadataController(this.services), {
        memberName: 'server_meta',
        // Metadata keys are the caller's: `a.json` is a key, not a format.
        formatted: false,
        parent: { memberName: 'server', collectionName: 'servers' },
        // Mapper.resource has no PUT on a collection; nova connects update_all by hand.
        customRoutes: (mapper: Mapper<Resource>, resource: Resource) =>
          mapper.connect({
            method: 'PUT',
            path: '/servers/{server_id}/metadata',
            action: 'updateAll',
            name: 'server_update_all_metadata',
            target: resource,
            owner: this.alias
          })
      })
    ];
  }
}
