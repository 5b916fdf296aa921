/**
 * Scenario (a), kill -9 durability: clients create servers, keypairs and metadata items as
 * fast as the host acknowledges them, every acknowledged write is recorded, the host is
 * killed with SIGKILL in the middle of the traffic, restarted on the same database, and
 * every acknowledged write must be there. Runs on SQLite, and on PostgreSQL when
 * WHARF_TEST_POSTGRES_URL names a database.
 */
import { randomUUID } from 'node:crypto';
import { CATALOGUE_IMAGES } from '../extensions/compute/storage.js';
import { givenServedHost, type ConfSettings } from '../tests/helpers/served-host.js';
import { rowsOf, type ChaosRow, type Scenario } from './report.js';

const CLIENTS = 8;
const TRAFFIC_MS = 3000;
const IMAGE = CATALOGUE_IMAGES[0].id;
const PUBLIC_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOdXapG7vypyDJrq45kGh1Ngweuf6RlHyV7Kg51SRu66 chaos@wharf';

/** An acknowledged write, and the GET that must find it after the restart. */
interface Acknowledged {
  kind: 'server' | 'keypair' | 'metadata';
  path: string;
  /** The token that wrote it (keypairs belong to their user). */
  token: string;
}

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/v2.1${path}`, {
    method,
    headers: { 'x-auth-token': token, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

/** One client: create a server, a keypair, a metadata item on its server; repeat. */
async function client(url: string, token: string, acked: Acknowledged[], stop: () => boolean) {
  let serverId: string | null = null;
  for (let round = 0; !stop(); round += 1) {
    try {
      const server = await call(url, token, 'POST', '/servers', {
        server: { name: `chaos-${round}`, imageRef: IMAGE, flavorRef: '1' }
      });
      if (server.status === 202) {
        serverId = server.json.server.id as string;
        acked.push({ kind: 'server', path: `/servers/${serverId}`, token });
      }
      const name = `key-${randomUUID()}`;
      const keypair = await call(url, token, 'POST', '/os-keypairs', {
        keypair: { name, public_key: PUBLIC_KEY }
      });
      if (keypair.status === 200)
        acked.push({ kind: 'keypair', path: `/os-keypairs/${name}`, token });
      if (serverId !== null) {
        const key = `k${round}`;
        const meta = await call(url, token, 'POST', `/servers/${serverId}/metadata`, {
          metadata: { [key]: 'v' }
        });
        if (meta.status === 200) {
          acked.push({ kind: 'metadata', path: `/servers/${serverId}/metadata/${key}`, token });
        }
      }
    } catch {
      return; // the host is gone: what was acknowledged is recorded
    }
  }
}

async function runOn(database: string, conf: ConfSettings, log: (line: string) => void) {
  const row = rowsOf(`kill -9 (${database})`);
  // One project per client, so per-project quotas leave every client room to write.
  const run = randomUUID().slice(0, 8);
  const host = await givenServedHost({ conf });
  const acked: Acknowledged[] = [];
  let killed = false;
  const clients = Array.from({ length: CLIENTS }, (_, index) =>
    client(host.url, `chaos:${run}-${index}`, acked, () => killed)
  );
  await new Promise((resolve) => setTimeout(resolve, TRAFFIC_MS));
  killed = true;
  const signal = await host.stop('SIGKILL');
  await Promise.all(clients);
  log(`${database}: killed (${String(signal)}) after ${acked.length} acknowledged writes`);
  const restarted = await givenServedHost({ dir: host.dir, conf });
  let missing = 0;
  for (const write of acked) {
    const found = await call(restarted.url, write.token, 'GET', write.path);
    if (found.status !== 200) missing += 1;
  }
  const health = await fetch(`${restarted.url}/healthcheck`);
  await restarted.stop('SIGTERM');
  const count = (kind: Acknowledged['kind']) => acked.filter((write) => write.kind === kind).length;
  return [
    row(
      'acknowledged servers / keypairs / metadata',
      `${count('server')} / ${count('keypair')} / ${count('metadata')}`,
      '-',
      null
    ),
    row('acknowledged writes', acked.length, '> 0', acked.length > 0),
    row('acknowledged writes missing after restart', missing, '0', missing === 0),
    row('restarted host answers /healthcheck', health.status, '200', health.status === 200)
  ];
}

/** The kill -9 durability scenario. */
export const killDurability: Scenario = {
  name: 'kill -9',
  async run(log): Promise<ChaosRow[]> {
    const rows = await runOn('sqlite', {}, log);
    const postgres = process.env.WHARF_TEST_POSTGRES_URL;
    if (postgres) {
      rows.push(...(await runOn('postgresql', { database: { connection: postgres } }, log)));
    } else {
      rows.push(
        rowsOf('kill -9 (postgresql)')('ran', 'no: WHARF_TEST_POSTGRES_URL is not set', '-', null)
      );
    }
    return rows;
  }
};
