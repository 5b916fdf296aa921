/**
 * Floor for `GET /v2.1/servers/detail` and `GET /v2.1/servers/{id}` of the bundled compute
 * API: bare Express 5 and better-sqlite3, one statement prepared at start-up per query (the
 * page of servers and their metadata; one server and its metadata), building nova's server document with every
 * attribute the default extension set shows a project member (`OS-DCF`, volumes, `OS-SRV-USG`,
 * `OS-EXT-AZ`, `OS-EXT-STS`), keys in wharf's order. Set-up only (before listening): a fresh
 * SQLite file under the fixtures root, migrated, and the given number of servers (argument,
 * default 100) booted for the project `bench` by the compute library on its fake driver, as
 * wharf-compute.ts boots them through its API, the first of them pinned as there
 * (shown-server.ts).
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import express, { type Request } from 'express';
import { ComputeAPI } from '../../extensions/compute/compute-api.js';
import { FakeDriver } from '../../extensions/compute/fake-driver.js';
import { statusFromState } from '../../extensions/compute/server-states.js';
import { openDatabase, ServerRepository } from '../../extensions/compute/storage.js';
import { listenAndAnnounce } from './announce.js';
import { pinShownServer } from './shown-server.js';
import { fixturesRoot } from '../wharf/fixtures.js';

/** The columns of `servers` the document shows. */
interface ServerRow {
  id: string;
  internal_id: number;
  name: string;
  project_id: string;
  user_id: string;
  vm_state: string;
  task_state: string | null;
  power_state: number;
  image_ref: string;
  flavor_id: string;
  key_name: string | null;
  availability_zone: string | null;
  host: string | null;
  access_ipv4: string | null;
  access_ipv6: string | null;
  config_drive: string;
  disk_config: string;
  created_at: string;
  updated_at: string | null;
  launched_at: string | null;
  terminated_at: string | null;
}

const PROJECT = 'bench';
/** Statuses whose view carries `progress`, as nova's `_progress_statuses`. */
const PROGRESS_STATUSES = new Set([
  'ACTIVE',
  'BUILD',
  'REBUILD',
  'RESIZE',
  'VERIFY_RESIZE',
  'MIGRATING'
]);
const count = Number(process.argv[2] ?? '100');
const file = join(fixturesRoot(), `floor-servers-${process.pid}.sqlite`);
{
  const database = await openDatabase(`sqlite:${file}`, { migrate: true });
  const compute = new ComputeAPI(new ServerRepository(database), new FakeDriver());
  const scope = { projectId: PROJECT, userId: PROJECT, isAdmin: false, allTenants: false };
  for (let index = 0; index < count; index++) {
    await compute.boot(
      {
        name: `seed-${index}`,
        projectId: PROJECT,
        userId: PROJECT,
        imageRef: '6b2b3a1c-34f7-4c1f-9d38-0c4ae5e4a1b2',
        flavorId: '1'
      },
      scope
    );
  }
  await database.close();
}
pinShownServer(file);

const sqlite = new Sqlite(file, { readonly: true });
const COLUMNS =
  'id, internal_id, name, project_id, user_id, vm_state, task_state, power_state, image_ref, ' +
  'flavor_id, key_name, availability_zone, host, access_ipv4, access_ipv6, config_drive, ' +
  'disk_config, created_at, updated_at, launched_at, terminated_at';
const page = sqlite.prepare<[string, number], ServerRow>(
  `select ${COLUMNS} from servers where project_id = ? and deleted = 0 ` +
    'order by created_at desc, id desc limit ?'
);
const oneServer = sqlite.prepare<[string, string], ServerRow>(
  `select ${COLUMNS} from servers where id = ? and project_id = ? and deleted = 0`
);
const metadataOfServer = sqlite.prepare<[string], { key: string; value: string }>(
  'select key, value from server_metadata where server_id = ? order by key'
);
const metadataOfProject = sqlite.prepare<
  [string],
  { server_id: string; key: string; value: string }
>(
  'select m.server_id, m.key, m.value from server_metadata m join servers s on s.id = m.server_id ' +
    'where s.project_id = ? and s.deleted = 0 order by m.key'
);
const isotime = (value: string): string => new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
const usageTime = (value: string | null): string | null =>
  value === null ? null : new Date(value).toISOString().replace(/Z$/, '000');

function address(internalId: number): string {
  const offset = internalId + 1;
  return `10.${(offset >> 16) & 255}.${(offset >> 8) & 255}.${offset & 255}`;
}

function mac(internalId: number): string {
  const octets = [(internalId >> 16) & 255, (internalId >> 8) & 255, internalId & 255];
  return `fa:16:3e:${octets.map((octet) => octet.toString(16).padStart(2, '0')).join(':')}`;
}

function document(req: Request, row: ServerRow, metadata: Record<string, string>): object {
  const root = `http://${req.headers.host}`;
  const project = encodeURIComponent(row.project_id);
  const id = encodeURIComponent(row.id);
  const view: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    status: statusFromState(row.vm_state, row.task_state),
    tenant_id: row.project_id,
    user_id: row.user_id,
    metadata,
    hostId: row.host
      ? createHash('sha224').update(`${row.project_id}${row.host}`).digest('hex')
      : '',
    image: {
      id: row.image_ref,
      links: [
        { rel: 'bookmark', href: `${root}/${project}/images/${encodeURIComponent(row.image_ref)}` }
      ]
    },
    flavor: {
      id: row.flavor_id,
      links: [
        { rel: 'bookmark', href: `${root}/${project}/flavors/${encodeURIComponent(row.flavor_id)}` }
      ]
    },
    created: isotime(row.created_at),
    updated: isotime(row.updated_at ?? row.created_at),
    addresses: row.host
      ? {
          private: [
            {
              version: 4,
              addr: address(row.internal_id),
              'OS-EXT-IPS:type': 'fixed',
              'OS-EXT-IPS-MAC:mac_addr': mac(row.internal_id)
            }
          ]
        }
      : {},
    accessIPv4: row.access_ipv4 ?? '',
    accessIPv6: row.access_ipv6 ?? '',
    links: [
      { rel: 'self', href: `${root}/v2.1/${project}/servers/${id}` },
      { rel: 'bookmark', href: `${root}/${project}/servers/${id}` }
    ]
  };
  if (PROGRESS_STATUSES.has(view.status as string)) view.progress = 0;
  view.key_name = row.key_name;
  view.config_drive = row.config_drive;
  view.security_groups = [{ name: 'default' }];
  view['OS-DCF:diskConfig'] = row.disk_config;
  view['os-extended-volumes:volumes_attached'] = [];
  view['OS-SRV-USG:launched_at'] = usageTime(row.launched_at);
  view['OS-SRV-USG:terminated_at'] = usageTime(row.terminated_at);
  view['OS-EXT-AZ:availability_zone'] = row.availability_zone ?? (row.host ? 'nova' : '');
  view['OS-EXT-STS:task_state'] = row.task_state;
  view['OS-EXT-STS:vm_state'] = row.vm_state;
  view['OS-EXT-STS:power_state'] = row.power_state;
  return view;
}

/** The caller's project, from noauth2's `user:project` token. */
function projectOf(req: Request): string {
  return String(req.headers['x-auth-token'] ?? '').split(':')[1] ?? '';
}

const app = express();
// wharf sends neither: no ETag hashing of the body, no X-Powered-By.
app.set('etag', false);
app.disable('x-powered-by');
app.get('/v2.1/servers/detail', (req, res) => {
  const project = projectOf(req);
  const byServer = new Map<string, Record<string, string>>();
  for (const { server_id, key, value } of metadataOfProject.all(project)) {
    let items = byServer.get(server_id);
    if (items === undefined)
      byServer.set(server_id, (items = Object.create(null) as Record<string, string>));
    items[key] = value;
  }
  const servers = page
    .all(project, 1000)
    .map((row) => document(req, row, byServer.get(row.id) ?? {}));
  res.json({ servers });
});
app.get('/v2.1/servers/:id', (req, res) => {
  const row = oneServer.get(req.params.id, projectOf(req));
  if (row === undefined) {
    const message = `Instance ${req.params.id} could not be found.`;
    res.status(404).json({ itemNotFound: { code: 404, message } });
    return;
  }
  const metadata = Object.create(null) as Record<string, string>;
  for (const { key, value } of metadataOfServer.all(row.id)) metadata[key] = value;
  res.json({ server: document(req, row, metadata) });
});
await listenAndAnnounce(createServer(app));
