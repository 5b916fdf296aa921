/** Servers booted and driven through the API, for the compute-servers acceptance suites. */
import assert from 'node:assert/strict';
import { CATALOGUE_IMAGES } from '../../extensions/compute/storage.js';
import type { Reply, TestHost } from '../helpers/test-host.js';

/** The cirros image of the catalogue: fits every flavor. */
export const CIRROS = CATALOGUE_IMAGES[0].id;
/** The ubuntu image: needs 3 GiB of disk, more than m1.tiny has. */
export const UBUNTU = CATALOGUE_IMAGES[1].id;
/** An administrator of the default caller's project. */
export const ADMIN = 'admin:project1';
/** An administrator of another project. */
export const OTHER_ADMIN = 'admin:ops';
/** A user of another project. */
export const OTHER_USER = 'user2:project2';

/** Host settings lifting the instances, cores and ram quotas: these suites boot many servers. */
export const UNLIMITED_SERVERS = {
  'quota.instances': '-1',
  'quota.cores': '-1',
  'quota.ram': '-1'
} as const;

/** Sends `POST /servers` with a valid body (cirros on m1.tiny) merged with `server`. */
export function createServer(
  host: TestHost,
  server: Record<string, unknown> = {},
  token?: string
): Promise<Reply> {
  return host.call('POST', '/v2.1/servers', {
    body: { server: { name: 'vm', imageRef: CIRROS, flavorRef: '1', ...server } },
    ...(token !== undefined ? { token } : {})
  });
}

/** Boots a server (asserting the 202) and returns its id. */
export async function givenServer(
  host: TestHost,
  server: Record<string, unknown> = {},
  token?: string
): Promise<string> {
  const reply = await createServer(host, server, token);
  assert.equal(reply.status, 202, reply.text);
  return reply.body.server.id as string;
}

/** Sends `POST /servers/{id}/action` with `body`. */
export function serverAction(
  host: TestHost,
  id: string,
  body: unknown,
  token?: string
): Promise<Reply> {
  return host.call('POST', `/v2.1/servers/${id}/action`, {
    body,
    ...(token !== undefined ? { token } : {})
  });
}

/** The server's `status` as `GET /servers/{id}` shows it. */
export async function statusOf(host: TestHost, id: string): Promise<string> {
  const reply = await host.call('GET', `/v2.1/servers/${id}`);
  assert.equal(reply.status, 200, reply.text);
  return reply.body.server.status as string;
}
