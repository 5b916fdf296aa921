/**
 * The flavor and image a create request boots, checked as nova's servers controller and
 * compute API check them, with nova's 400 messages: a missing image reference, an unknown
 * or disabled flavor, an unknown image, and an image that does not fit the flavor. The
 * references are taken from the request first; the rows are read inside the create's own
 * transaction (its guard), so a create reads them with no transaction of their own and
 * boots the flavor it checked.
 */
import { HTTPBadRequest } from 'wharf';
import {
  FlavorNotFound,
  ImageNotFound,
  type ComputeBackend,
  type Flavor,
  type Image,
  type Work
} from '../compute/index.js';

const GIB = 1024 ** 3;

/** What a server boots from. */
export interface BootTarget {
  flavor: Flavor;
  image: Image;
}

/** The ids a create request names for its flavor and image. */
export interface BootRefs {
  readonly flavorId: string;
  readonly imageId: string;
}

/** The id at the end of a reference (`http://host/p/flavors/1` -> `1`), as `get_id_from_href`. */
export function idFromHref(ref: string): string {
  return ref.split(/[?#]/, 1)[0]!.split('/').at(-1)!;
}

/** The flavor and image ids of a create request's `server`; 400 without an `imageRef`. */
export function bootRefs(server: Readonly<Record<string, unknown>>): BootRefs {
  const imageRef = typeof server.imageRef === 'string' ? server.imageRef : '';
  if (imageRef === '') throw new HTTPBadRequest('Missing imageRef attribute');
  return { flavorId: idFromHref(String(server.flavorRef)), imageId: imageRef };
}

function* findFlavor(backend: ComputeBackend, flavorId: string): Work<Flavor> {
  try {
    const flavor = yield* backend.flavors.read(flavorId);
    if (flavor.disabled) throw new FlavorNotFound(flavorId);
    return flavor;
  } catch (error) {
    if (!(error instanceof FlavorNotFound)) throw error;
    throw new HTTPBadRequest(error.message, { cause: error });
  }
}

function* findImage(backend: ComputeBackend, imageId: string): Work<Image> {
  try {
    return yield* backend.images.read(imageId);
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

/**
 * In the create's transaction (transaction-work.ts): the flavor and image of `refs`,
 * checked; throws the 400s, which roll the create back.
 */
export function* bootTarget(backend: ComputeBackend, refs: BootRefs): Work<BootTarget> {
  const flavor = yield* findFlavor(backend, refs.flavorId);
  const image = yield* findImage(backend, refs.imageId);
  assertImageFits(flavor, image);
  return { flavor, image };
}
