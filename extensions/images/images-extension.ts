/**
 * `images`: the API extension serving the read-only image catalogue twice: in nova's proxy
 * shape at `/images` (with the image-size extension's `OS-EXT-IMG-SIZE:size`), and in the
 * glance v2 shape at `/v2/images`, where `nova boot --image` looks images up (novaclient
 * puts `/v2/images` after the compute endpoint).
 */
import { ResourceExtension, injectable, type Mapper, type Resource } from 'wharf';
import { ComputeExtension } from '../compute/index.js';
import { ImagesController } from './images-controller.js';

/** The `images` API extension. */
@injectable()
export class Images extends ComputeExtension {
  readonly name = 'Images';
  readonly alias = 'images';
  override readonly version = 1;
  override readonly description = 'Images: the read-only catalogue servers boot from.';

  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('images', new ImagesController(this.services), {
        memberName: 'image',
        collectionActions: { detail: 'GET' },
        customRoutes: (mapper: Mapper<Resource>, resource: Resource) => {
          const owner = this.alias;
          mapper.connect({
            method: 'GET',
            path: '/v2/images',
            action: 'glanceIndex',
            name: 'glance_images',
            target: resource,
            owner
          });
          mapper.connect({
            method: 'GET',
            path: '/v2/images/{id}',
            action: 'glanceShow',
            name: 'glance_image',
            target: resource,
            owner
          });
        }
      })
    ];
  }
}
