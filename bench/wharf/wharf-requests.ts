/**
 * The requests of the wharf scenarios. Every one carries an `X-Auth-Token` (the default
 * pipeline authenticates with `noauth2`, which refuses a request without one) naming the
 * user and project `bench`.
 */
import {
  expectEmpty,
  expectJson,
  expectJsonWhere,
  type BenchRequest
} from '../harness/bench-request.js';
import { EXPECTED_WIDGET_BODY, WIDGET_PATH } from '../servers/widget-api.js';
import { DEFAULT_FLAVORS } from '../../extensions/compute/db/migrations/0002-seed-catalogue.js';
import { POKE_ACTION } from './generate-api-extensions.js';

/** The token every wharf request sends: user and project `bench`. */
export const BENCH_TOKEN = 'bench:bench';

const AUTH = { 'x-auth-token': BENCH_TOKEN };
const JSON_POST = { ...AUTH, 'content-type': 'application/json' };

/** The seeded catalogue's first flavor and image (extensions/compute, migration 0002). */
const FLAVOR_REF = '1';
const IMAGE_REF = '6b2b3a1c-34f7-4c1f-9d38-0c4ae5e4a1b2';

/** `GET /v2.1/widgets/42` on the synthetic set: show, then the extras' post-processor. */
export const WHARF_WIDGET_REQUEST: BenchRequest = {
  method: 'GET',
  path: WIDGET_PATH,
  headers: AUTH,
  check: expectJson(200, EXPECTED_WIDGET_BODY)
};

/** `POST /v2.1/widgets/42/action` with `{"bench-poke": null}`: 202, empty body. */
export const POKE_REQUEST: BenchRequest = {
  method: 'POST',
  path: `${WIDGET_PATH}/action`,
  headers: JSON_POST,
  body: JSON.stringify({ [POKE_ACTION]: null }),
  check: expectEmpty(202)
};

/** The body of one server create. */
export function serverCreateBody(name: string): string {
  return JSON.stringify({ server: { name, imageRef: IMAGE_REF, flavorRef: FLAVOR_REF } });
}

/** `POST /v2.1/servers`: every request boots one more server (202 with its id). */
export const SERVER_CREATE_REQUEST: BenchRequest = {
  method: 'POST',
  path: '/v2.1/servers',
  headers: JSON_POST,
  body: serverCreateBody('bench'),
  check: expectJsonWhere(202, (body) =>
    typeof body?.server?.id === 'string' ? null : 'expected {"server": {"id": ...}}'
  )
};

/**
 * The keys of a server in `GET /servers/detail` for a project member, in the order wharf's
 * default extension set writes them: the base view, then each `OS-*` post-processor's.
 */
const SERVER_DETAIL_KEYS = [
  'id',
  'name',
  'status',
  'tenant_id',
  'user_id',
  'metadata',
  'hostId',
  'image',
  'flavor',
  'created',
  'updated',
  'addresses',
  'accessIPv4',
  'accessIPv6',
  'links',
  'progress',
  'key_name',
  'config_drive',
  'security_groups',
  'OS-DCF:diskConfig',
  'os-extended-volumes:volumes_attached',
  'OS-SRV-USG:launched_at',
  'OS-SRV-USG:terminated_at',
  'OS-EXT-AZ:availability_zone',
  'OS-EXT-STS:task_state',
  'OS-EXT-STS:vm_state',
  'OS-EXT-STS:power_state'
].join();

/**
 * `GET /v2.1/servers/detail` of the project `bench`, expected to list `count` servers, each
 * with nova's keys in wharf's order (so a floor answers the same document).
 */
export function serversDetailRequest(count: number): BenchRequest {
  return {
    method: 'GET',
    path: '/v2.1/servers/detail',
    headers: AUTH,
    check: expectJsonWhere(200, (body) => {
      if (!Array.isArray(body?.servers) || body.servers.length !== count)
        return `expected {"servers": [...]} with ${count} servers`;
      const astray = (body.servers as object[]).find(
        (server) => Object.keys(server).join() !== SERVER_DETAIL_KEYS
      );
      return astray === undefined
        ? null
        : `expected every server with the keys ${SERVER_DETAIL_KEYS}`;
    })
  };
}

/** The id of the server `GET /v2.1/servers/{id}` shows (pinned by servers/shown-server.ts). */
export const SHOWN_SERVER_ID = '7a9b3c5d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';

/** `GET /v2.1/servers/{id}` of the pinned server: 200, nova's keys in wharf's order. */
export const SERVER_SHOW_REQUEST: BenchRequest = {
  method: 'GET',
  path: `/v2.1/servers/${SHOWN_SERVER_ID}`,
  headers: AUTH,
  check: expectJsonWhere(200, (body) =>
    body?.server?.id === SHOWN_SERVER_ID && Object.keys(body.server).join() === SERVER_DETAIL_KEYS
      ? null
      : `expected {"server": {"id": "${SHOWN_SERVER_ID}", ...}} with the keys ${SERVER_DETAIL_KEYS}`
  )
};

/**
 * The bundled collections whose first request from a fresh process the bench measures:
 * name, path below `/v2.1`, and the key of the list in the answer.
 */
export const FIRST_REQUEST_COLLECTIONS = [
  { name: 'flavors', path: 'flavors', key: 'flavors' },
  { name: 'servers', path: 'servers', key: 'servers' },
  { name: 'images', path: 'images', key: 'images' },
  { name: 'keypairs', path: 'os-keypairs', key: 'keypairs' }
] as const;

/** `GET /v2.1/{path}` of the bundled compute API: 200 with the list under `key`. */
export function collectionRequest(path: string, key: string): BenchRequest {
  return {
    method: 'GET',
    path: `/v2.1/${path}`,
    headers: AUTH,
    check: expectJsonWhere(200, (body) =>
      Array.isArray(body?.[key]) ? null : `expected {"${key}": [...]}`
    )
  };
}

/** The flavor `GET /v2.1/flavors/{id}` shows: the first seeded one (m1.tiny). */
const SHOWN_FLAVOR = DEFAULT_FLAVORS[0];

/**
 * nova's document of the seeded flavor, as wharf and its floor must both answer it: the
 * same keys in the same order, links on the request's host (`HOST` here).
 */
const EXPECTED_FLAVOR_TEXT = JSON.stringify({
  flavor: {
    id: SHOWN_FLAVOR.id,
    name: SHOWN_FLAVOR.name,
    ram: SHOWN_FLAVOR.ram,
    disk: SHOWN_FLAVOR.disk,
    swap: '',
    'OS-FLV-EXT-DATA:ephemeral': 0,
    'OS-FLV-DISABLED:disabled': false,
    vcpus: SHOWN_FLAVOR.vcpus,
    'os-flavor-access:is_public': true,
    rxtx_factor: 1,
    links: [
      { rel: 'self', href: `http://HOST/v2.1/flavors/${SHOWN_FLAVOR.id}` },
      { rel: 'bookmark', href: `http://HOST/flavors/${SHOWN_FLAVOR.id}` }
    ]
  }
});

/** `GET /v2.1/flavors/1`: the same bytes from wharf and from its Express + SQLite floor. */
export const FLAVOR_SHOW_REQUEST: BenchRequest = {
  method: 'GET',
  path: `/v2.1/flavors/${SHOWN_FLAVOR.id}`,
  headers: AUTH,
  check: (answer) =>
    answer.status === 200 &&
    answer.body.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://HOST') === EXPECTED_FLAVOR_TEXT
      ? null
      : `expected 200 ${EXPECTED_FLAVOR_TEXT} (HOST: the request's host)`
};
