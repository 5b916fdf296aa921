/**
 * The read-only image catalogue (seeded by migration 0002), listed newest first as glance
 * lists images, with its exact-name and status filters.
 */
import type { Selectable } from 'kysely';
import type { ComputeDatabase } from '../db/database.js';
import type { ImagesTable } from '../db/schema.js';
import { ImageNotFound, InvalidMarker } from '../errors.js';
import type { Image } from '../models.js';
import { afterMarker } from './newest-first.js';
import { toDate } from './row-values.js';

/** `GET /images` filters. */
export interface ListImagesFilters {
  /** Exact name, as glance matches it. */
  readonly name?: string;
  readonly status?: string;
  readonly limit?: number;
  /** The id of the last image of the previous page. */
  readonly marker?: string;
}

/** The `images` table. */
export class ImageRepository {
  constructor(private readonly database: ComputeDatabase) {}

  /** Images ordered by created_at desc, id desc; an unknown marker is `InvalidMarker`. */
  async list(filters: ListImagesFilters = {}): Promise<Image[]> {
    let query = this.database.db.selectFrom('images').selectAll();
    if (filters.name !== undefined) query = query.where('name', '=', filters.name);
    if (filters.status !== undefined)
      query = query.where('status', '=', filters.status.toUpperCase());
    if (filters.marker !== undefined) {
      const marker = await this.database.db
        .selectFrom('images')
        .select(['id', 'created_at'])
        .where('id', '=', filters.marker)
        .executeTakeFirst();
      if (!marker) throw new InvalidMarker(filters.marker);
      query = query.where(afterMarker(marker));
    }
    query = query.orderBy('created_at', 'desc').orderBy('id', 'desc');
    if (filters.limit !== undefined) query = query.limit(filters.limit);
    return (await query.execute()).map(toImage);
  }

  /** The image with this id; else `ImageNotFound`. */
  async get(id: string): Promise<Image> {
    const row = await this.database.db
      .selectFrom('images')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new ImageNotFound(id);
    return toImage(row);
  }
}

function toImage(row: Selectable<ImagesTable>): Image {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    minDisk: row.min_disk,
    minRam: row.min_ram,
    size: Number(row.size),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    metadata: JSON.parse(row.metadata) as Record<string, string>
  };
}
