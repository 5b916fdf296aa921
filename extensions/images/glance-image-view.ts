/**
 * The image in the Image service (glance) v2 shape, which `nova boot --image` reads from
 * `{endpoint}/v2/images/{id}` and `/v2/images?name=`: lower-case status, public visibility,
 * the properties as top-level keys, and glance's relative `self`, `file` and `schema`.
 */
import type { Image } from '../compute/index.js';
import { isoSeconds } from './image-view.js';

/** One image as glance v2 shows it. */
export function glanceImage(image: Image): Record<string, unknown> {
  const self = `/v2/images/${encodeURIComponent(image.id)}`;
  return {
    ...image.metadata,
    id: image.id,
    name: image.name,
    status: image.status.toLowerCase(),
    visibility: 'public',
    protected: false,
    os_hidden: false,
    tags: [],
    min_disk: image.minDisk,
    min_ram: image.minRam,
    size: image.size,
    virtual_size: null,
    disk_format: 'qcow2',
    container_format: 'bare',
    checksum: null,
    owner: null,
    created_at: isoSeconds(image.createdAt),
    updated_at: isoSeconds(image.updatedAt),
    self,
    file: `${self}/file`,
    schema: '/v2/schemas/image'
  };
}

/** `GET /v2/images`: the page, glance's `first` and `schema`, and `next` when it is full. */
export function glanceImageList(
  images: readonly Image[],
  query: Readonly<Record<string, string>>,
  limit: number
): Record<string, unknown> {
  const params = new URLSearchParams(query);
  params.delete('marker');
  const first = params.size > 0 ? `/v2/images?${params.toString()}` : '/v2/images';
  const body: Record<string, unknown> = {
    images: images.map(glanceImage),
    first,
    schema: '/v2/schemas/images'
  };
  if (images.length > 0 && images.length === limit) {
    params.set('marker', images[images.length - 1]!.id);
    body.next = `/v2/images?${params.toString()}`;
  }
  return body;
}
