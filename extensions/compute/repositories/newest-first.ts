/**
 * Keyset paging for listings ordered newest first (`created_at desc, id desc`), as nova
 * lists servers and glance lists images: the next page holds the rows after the marker row.
 * A large page is read the same way, a batch at a time with turns of the event loop.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { TimeSlice } from '../event-loop-turns.js';

/**
 * Rows one read of a large page takes: a thousand whole server rows cost tens of ms to
 * read and build on a loaded machine, a quarter of them fits in a slice.
 */
export const ROWS_PER_READ = 250;

/** The marker row's sort keys, as read from the table. */
export interface NewestFirstMarker {
  readonly created_at: string | Date;
  readonly id: string;
}

/**
 * The condition selecting the rows that sort after `marker` in newest-first order. The
 * leading `created_at <=` lets the listing index bound the search, so paging (and the name
 * scan, which pages through a whole listing) reads each row once rather than once per page.
 */
export function afterMarker(marker: NewestFirstMarker): Expression<SqlBool> {
  const createdAt = sql.ref('created_at');
  return sql<SqlBool>`(${createdAt} <= ${marker.created_at} and (${createdAt} < ${marker.created_at} or ${sql.ref('id')} < ${marker.id}))`;
}

/**
 * Reads the page of at most `limit` rows after `after` (from the start when undefined),
 * newest first (server-repository.ts: a prepared query per shape).
 */
export type PageRead<Row> = (after: NewestFirstMarker | undefined, limit: number) => Promise<Row[]>;

/**
 * The first `limit` rows (all when undefined) that `read` pages through, ROWS_PER_READ at
 * a time with a turn of the event loop whenever `slice` is used up: the same rows, in the
 * same order, as one read.
 */
export async function readNewestFirst<Row extends NewestFirstMarker>(
  read: PageRead<Row>,
  limit: number | undefined,
  slice: TimeSlice
): Promise<Row[]> {
  const rows: Row[] = [];
  for (;;) {
    const wanted =
      limit === undefined ? ROWS_PER_READ : Math.min(ROWS_PER_READ, limit - rows.length);
    if (wanted <= 0) return rows;
    await slice.turn();
    const batch = await read(rows.at(-1), wanted);
    rows.push(...batch);
    if (batch.length < wanted) return rows;
  }
}
