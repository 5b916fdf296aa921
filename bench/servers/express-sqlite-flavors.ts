/**
 * Floor for `GET /v2.1/flavors/{id}` of the bundled compute API: bare Express 5 and
 * better-sqlite3 with one statement prepared at start-up, doing the same data work as
 * wharf's flavors extension (one row read by id, nova's flavor document built from it) and
 * answering the same bytes: the same keys in the same order, `self` and `bookmark` links on
 * the request's own host. The database is a fresh SQLite file under the fixtures root,
 * created and migrated by the compute library as wharf's is (set-up only, before listening).
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import express from 'express';
import { openDatabase } from '../../extensions/compute/storage.js';
import { listenAndAnnounce } from './announce.js';
import { fixturesRoot } from '../wharf/fixtures.js';

/** The columns of `flavors` the document shows. */
interface FlavorRow {
  id: string;
  name: string;
  ram: number;
  vcpus: number;
  disk: number;
  swap: number;
  ephemeral: number;
  rxtx_factor: number;
  is_public: number;
  disabled: number;
}

const file = join(fixturesRoot(), `floor-flavors-${process.pid}.sqlite`);
await (await openDatabase(`sqlite:${file}`, { migrate: true })).close();
const sqlite = new Sqlite(file, { readonly: true });
const byId = sqlite.prepare<[string], FlavorRow>(
  'select id, name, ram, vcpus, disk, swap, ephemeral, rxtx_factor, is_public, disabled from flavors where id = ?'
);

const app = express();
// wharf sends neither: no ETag hashing of the body, no X-Powered-By.
app.set('etag', false);
app.disable('x-powered-by');
app.get('/v2.1/flavors/:id', (request, response) => {
  const row = byId.get(request.params.id);
  if (row === undefined) {
    response.status(404).json({ itemNotFound: { code: 404, message: 'Flavor not found.' } });
    return;
  }
  const root = `http://${request.headers.host}`;
  const id = encodeURIComponent(row.id);
  response.json({
    flavor: {
      id: row.id,
      name: row.name,
      ram: row.ram,
      disk: row.disk,
      swap: row.swap || '',
      'OS-FLV-EXT-DATA:ephemeral': row.ephemeral,
      'OS-FLV-DISABLED:disabled': row.disabled !== 0,
      vcpus: row.vcpus,
      'os-flavor-access:is_public': row.is_public !== 0,
      rxtx_factor: row.rxtx_factor || '',
      links: [
        { rel: 'self', href: `${root}/v2.1/flavors/${id}` },
        { rel: 'bookmark', href: `${root}/flavors/${id}` }
      ]
    }
  });
});

await listenAndAnnounce(createServer(app));
