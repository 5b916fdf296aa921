/**
 * The read-only image catalogue (seeded by migration 0002), listed newest first as glance
 * lists images, with its exact-name and status filters.
 */
import type { Selectable } from 'kysely';
import type { ComputeDatabase } from '../db/database.js';
import type { ImagesTable } from '../db/schema.js';
import { ImageNotFound, InvalidMarker } from '../errors.js';
import type { Image } from '../models.js';
import { PreparedQuery, QueryShapes, type QueryParameters } from '../db/prepared-query.js';
import { statement, type Work } from '../db/transaction-work.js';
import { afterMarker, type NewestFirstMarker } from './newest-first.js';
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
    let marker: NewestFirstMarker | undefined;
    if (filters.marker !== undefined) {
      marker = await IMAGE_MARKER.first(this.database.db, { id: filters.marker });
      if (!marker) throw new InvalidMarker(filters.marker);
    }
    const shape: ImageListShape = {
      name: filters.name !== undefined,
      status: filters.status !== undefined,
      after: marker !== undefined,
      limit: filters.limit !== undefined
    };
    const rows = await IMAGE_LISTS.of(shape).rows(this.database.db, {
      name: filters.name,
      status: filters.status?.toUpperCase(),
      createdAt: marker?.created_at,
      afterId: marker?.id,
      limit: filters.limit
    });
    return rows.map(toImage);
  }

  /** The image with this id; else `ImageNotFound`. */
  async get(id: string): Promise<Image> {
    return foundImage(await IMAGE.first(this.database.db, { id }), id);
  }

  /**
   * In a transaction's body (transaction-work.ts): the image with this id, as the
   * transaction sees it; else `ImageNotFound`.
   */
  *read(id: string): Work<Image> {
    return foundImage((yield* statement(IMAGE, { id })).rows[0], id);
  }
}

/** Which filters an image listing applies: each changes its SQL. */
interface ImageListShape {
  readonly name: boolean;
  readonly status: boolean;
  readonly after: boolean;
  readonly limit: boolean;
}

const IMAGE = new PreparedQuery((db, p: { id: string }) =>
  db.selectFrom('images').selectAll().where('id', '=', p.id)
);

const IMAGE_MARKER = new PreparedQuery((db, p: { id: string }) =>
  db.selectFrom('images').select(['id', 'created_at']).where('id', '=', p.id)
);

const IMAGE_LISTS = new QueryShapes(
  (shape: ImageListShape) => JSON.stringify(shape),
  (shape: ImageListShape) => (db, p: QueryParameters) => {
    let query = db.selectFrom('images').selectAll();
    if (shape.name) query = query.where('name', '=', p.name as string);
    if (shape.status) query = query.where('status', '=', p.status as string);
    if (shape.after)
      query = query.where(
        afterMarker({ created_at: p.createdAt as string, id: p.afterId as string })
      );
    query = query.orderBy('created_at', 'desc').orderBy('id', 'desc');
    return shape.limit ? query.limit(p.limit as number) : query;
  }
);

/** The image of `row`, the lookup of `id`; `ImageNotFound` when there is none. */
function foundImage(row: Selectable<ImagesTable> | undefined, id: string): Image {
  if (!row) throw new ImageNotFound(id);
  return toImage(row);
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
