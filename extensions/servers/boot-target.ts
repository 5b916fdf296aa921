/**
 * The flavor and image a create request boots, checked as nova's servers controller and
 * compute API check them, with nova's 400 messages: a missing image reference, an unknown
 * or disabled flavor, an unknown image, and an image that does not fit the flavor.
 */
import { HTTPBadRequest } from 'wharf';
import {
  FlavorNotFound,
  ImageNotFound,
  type ComputeBackend,
  type Flavor,
  type Image
} from '../compute/index.js';

const GIB = 1024 ** 3;

/** What a server boots from. */
export interface BootTarget {
  flavor: Flavor;
  image: Image;
}

/** The id at the end of a reference (`http://host/p/flavors/1` -> `1`), as `get_id_from_href`. */
export function idFromHref(ref: string): string {
  return ref.split(/[?#]/, 1)[0]!.split('/').at(-1)!;
}

async function findFlavor(backend: ComputeBackend, flavorId: string): Promise<Flavor> {
  try {
    const flavor = await backend.flavors.get(flavorId);
    if (flavor.disabled) throw new FlavorNotFound(flavorId);
    return flavor;
  } catch (error) {
    if (!(error instanceof FlavorNotFound)) throw error;
    throw new HTTPBadRequest(error.message, { cause: error });
  }
}

async function findImage(backend: ComputeBackend, imageId: string): Promise<Image> {
  try {
    return await backend.images.get(imageId);
  } catch (error) {
    if (!(error instanceof ImageNotFound)) throw error;
    throw new HTTPBadRequest('Can not find requested image', { cause: error });
  }
}

/** nova's `_check_requested_image`: enough RAM, and (unless the flavor's disk is 0) disk. */
function assertImageFits(flavor: Flavor, image: Image): void {
  if (flavor.ram < image.minRam) {
    throw new HTTPBadRequest("Flavor's memory is too small for requested image.");
  }
  if (flavor.disk > 0 && (image.size > flavor.disk * GIB || image.minDisk > flavor.disk)) {
    throw new HTTPBadRequest("Flavor's disk is too small for requested image.");
  }
}

/** Resolves `imageRef` and `flavorRef` of a create request's `server`; throws 400s. */
export async function bootTarget(
  backend: ComputeBackend,
  server: Readonly<Record<string, unknown>>
): Promise<BootTarget> {
  const imageRef = typeof server.imageRef === 'string' ? server.imageRef : '';
  if (imageRef === '') throw new HTTPBadRequest('Missing imageRef attribute');
  const flavor = await findFlavor(backend, idFromHref(String(server.flavorRef)));
  const image = await findImage(backend, imageRef);
  assertImageFits(flavor, image);
  return { flavor, image };
}
