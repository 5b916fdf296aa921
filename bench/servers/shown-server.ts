/**
 * The server `GET /v2.1/servers/{id}` shows in the compute scenarios, the same in wharf's
 * database and in its floor's: after seeding, the first server created (the lowest
 * internal id) gets a fixed id, name and timestamps, so the bench knows its path and both
 * servers answer it with the same bytes (and a listing of one server too).
 */
import Sqlite from 'better-sqlite3';
import { SHOWN_SERVER_ID } from '../wharf/wharf-requests.js';

/** When the pinned server was created, launched and last updated. */
const PINNED_AT = '2026-01-02T03:04:05.678Z';

/** Pins the first server of the SQLite database `file` (a no-op when it has none). */
export function pinShownServer(file: string): void {
  const sqlite = new Sqlite(file);
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite
      .prepare(
        'update servers set id = ?, name = ?, created_at = ?, updated_at = ?, launched_at = ? ' +
          'where internal_id = (select min(internal_id) from servers)'
      )
      .run(SHOWN_SERVER_ID, 'bench-shown', PINNED_AT, PINNED_AT, PINNED_AT);
  } finally {
    sqlite.close();
  }
}
