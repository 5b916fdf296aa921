/**
 * The rows of the servers a request's response shows, as the servers resource read them:
 * the extensions adding `OS-*` attributes to show and detail use them instead of reading
 * the page's rows a second time. A request the servers resource did not record (or whose
 * views name other servers) is read by the extensions themselves.
 */
import type { ServerRow } from './db/schema.js';
import type { Server } from './models.js';
import { rowOf } from './repositories/server-row.js';

const shown = new WeakMap<object, ReadonlyMap<string, ServerRow>>();

/** Records the servers `request`'s response shows (those read from a row). */
export function rememberShownServers(request: object, servers: readonly Server[]): void {
  const byId = new Map<string, ServerRow>();
  for (const server of servers) {
    const row = rowOf(server);
    if (row !== undefined) byId.set(server.id, row);
  }
  shown.set(request, byId);
}

/** The rows recorded for `request`, by server id, if any. */
export function shownServerRows(request: object): ReadonlyMap<string, ServerRow> | undefined {
  return shown.get(request);
}
