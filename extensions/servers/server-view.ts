/**
 * The server views of the base `servers` resource (nova's `views/servers.py`): the summary
 * of `GET /servers`, the full view of show and detail, the smaller one of update, the create
 * response, and
 * pages with their `servers_links`. The `OS-*` attributes are not here: each is added by its
 * own extension to show, detail (and create), so update keeps nova's smaller shape.
 */
import { createHash } from 'node:crypto';
import type { ApiRequest } from 'wharf';
import { eachInTurns, requestSlice, showsServer, type Server } from '../compute/index.js';
import { foreignBookmarkHref, nextLink, resourceLinks, type Link } from './links.js';

/** Statuses whose view carries `progress`, as nova's `_progress_statuses`. */
const PROGRESS_STATUSES = new Set([
  'ACTIVE',
  'BUILD',
  'REBUILD',
  'RESIZE',
  'VERIFY_RESIZE',
  'MIGRATING'
]);

/** The one network of the fake deployment; every spawned server has an address on it. */
const FIXED_NETWORK = 'private';

/** Every server is in the `default` security group; groups are not modelled further. */
function securityGroups(): { name: string }[] {
  return [{ name: 'default' }];
}

/** A view: the JSON object of one server. */
export type ServerView = Record<string, unknown>;

/** `2012-08-20T21:11:09Z`, as nova's `utils.isotime` (no fraction). */
function isotime(date: Date): string {
  return `${date.toISOString().slice(0, -5)}Z`;
}

/** How many hostIds are kept (the oldest is dropped first). */
const HOST_ID_LIMIT = 1024;

// Each view of a server hashes the same project and host again: each pair is hashed once.
const hostIds = new Map<string, string>();

/** nova's hostId: sha224 of project id and host, so tenants cannot tell hosts apart. */
function hostId(server: Server): string {
  if (!server.host) return '';
  const key = `${server.projectId}${server.host}`;
  let id = hostIds.get(key);
  if (id === undefined) {
    id = createHash('sha224').update(key).digest('hex');
    if (hostIds.size >= HOST_ID_LIMIT) hostIds.delete(hostIds.keys().next().value!);
    hostIds.set(key, id);
  }
  return id;
}

/** The fake network's address of a server: 10.0.0.2 for the first, then one per server. */
function fixedAddress(internalId: number): string {
  const offset = internalId + 1; // .0 is the network and .1 its gateway
  return `10.${(offset >> 16) & 255}.${(offset >> 8) & 255}.${offset & 255}`;
}

/** The fake network's MAC of a server: OpenStack's `fa:16:3e` prefix, then the internal id. */
function fixedMac(internalId: number): string {
  return `fa:16:3e:${hexOctet(internalId >> 16)}:${hexOctet(internalId >> 8)}:${hexOctet(internalId)}`;
}

/** The low byte of `value` as two hex digits. */
function hexOctet(value: number): string {
  return (value & 255).toString(16).padStart(2, '0');
}

/**
 * nova's addresses: `{version, addr}` per address, plus its type and MAC (the old
 * `OS-EXT-IPS` and `OS-EXT-IPS-MAC` keys) in show and detail but not in update.
 */
function addresses(server: Server, extended: boolean): Record<string, Record<string, unknown>[]> {
  if (!server.host) return {};
  const address: Record<string, unknown> = { version: 4, addr: fixedAddress(server.internalId) };
  if (extended) {
    address['OS-EXT-IPS:type'] = 'fixed';
    address['OS-EXT-IPS-MAC:mac_addr'] = fixedMac(server.internalId);
  }
  return { [FIXED_NETWORK]: [address] };
}

function bookmarked(
  req: ApiRequest,
  collection: string,
  id: string
): { id: string; links: Link[] } {
  return { id, links: [{ rel: 'bookmark', href: foreignBookmarkHref(req, collection, id) }] };
}

/** `{id, name, links}`: one entry of `GET /servers`. */
export function serverSummary(req: ApiRequest, server: Server): ServerView {
  return { id: server.id, name: server.name, links: resourceLinks(req, 'server', server.id) };
}

/**
 * The base view of update (nova's `show` with every `show_*` flag off before 2.75): no
 * key_name, config_drive, security_groups nor extended addresses; `OS-DCF:diskConfig` is
 * added by its extension.
 */
export function serverUpdated(req: ApiRequest, server: Server): ServerView {
  return showsServer(baseView(req, server, false), server);
}

/** The full base view of show and detail. */
export function serverDetail(req: ApiRequest, server: Server): ServerView {
  const view = baseView(req, server, true);
  view.key_name = server.keyName;
  view.config_drive = server.configDrive;
  view.security_groups = securityGroups();
  return showsServer(view, server);
}

function baseView(req: ApiRequest, server: Server, extendAddress: boolean): ServerView {
  const view: ServerView = {
    id: server.id,
    name: server.name,
    status: server.status,
    tenant_id: server.projectId,
    user_id: server.userId,
    metadata: Object.assign(Object.create(null), server.metadata) as Record<string, string>,
    hostId: hostId(server),
    image: server.imageRef ? bookmarked(req, 'images', server.imageRef) : '',
    flavor: bookmarked(req, 'flavors', server.flavorId),
    created: isotime(server.createdAt),
    updated: isotime(server.updatedAt ?? server.createdAt),
    addresses: addresses(server, extendAddress),
    accessIPv4: server.accessIPv4,
    accessIPv6: server.accessIPv6,
    links: resourceLinks(req, 'server', server.id)
  };
  if (PROGRESS_STATUSES.has(server.status)) view.progress = 0;
  return view;
}

/** The body of `POST /servers`: id, links, the admin password and security groups. */
export function serverCreated(req: ApiRequest, server: Server, adminPass: string): ServerView {
  const view = {
    id: server.id,
    links: resourceLinks(req, 'server', server.id),
    adminPass,
    security_groups: securityGroups()
  };
  return showsServer(view, server);
}

/**
 * A page of servers: `{servers}` plus `servers_links` with a `next` link when the page is
 * full (`limit` items), as nova's `_list_view`. A page of a thousand gives the event loop
 * turns while its views are built (within the request's time slice).
 */
export async function serverPage(
  req: ApiRequest,
  servers: readonly Server[],
  options: { detail: boolean; limit: number }
): Promise<{ servers: ServerView[]; servers_links?: Link[] }> {
  const view = options.detail ? serverDetail : serverSummary;
  const page: { servers: ServerView[]; servers_links?: Link[] } = { servers: [] };
  await eachInTurns(servers, requestSlice(req), (server) => page.servers.push(view(req, server)));
  const last = servers.at(-1);
  if (last && options.limit > 0 && servers.length === options.limit) {
    page.servers_links = [nextLink(req, options.detail ? 'detail_servers' : 'servers', last.id)];
  }
  return page;
}
