/**
 * Keyset paging for listings ordered newest first (`created_at desc, id desc`), as nova
 * lists servers and glance lists images: the next page holds the rows after the marker row.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

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
