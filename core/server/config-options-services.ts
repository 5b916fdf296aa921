/**
 * Options of the services the host itself uses: tokens (`[auth]`), and the filters of the
 * default pipeline (`[ratelimit]`, `[cors]`, `[sizelimit]`, `[ip_filter]`, `[profiler]`,
 * `[oslo_middleware]`). The compute extensions declare their own (extensions/compute/options.ts).
 */
import { CORS_DEFAULTS } from '../middleware/cors.js';
import type { OptionSpec } from './config-options.js';

/** A string option of `[keystone_authtoken]`, as nova.conf spells it. */
function keystoneOption<N extends string>(
  name: N,
  defaultValue: string,
  help: string,
  secret = false
) {
  return [
    {
      section: 'keystone_authtoken',
      name,
      type: 'string' as const,
      default: defaultValue,
      help,
      ...(secret ? { secret } : {})
    }
  ] as const;
}

/** `[auth]`, `[keystone_authtoken]`, `[ratelimit]`, `[cors]`, `[sizelimit]`, `[ip_filter]`, `[profiler]`, `[oslo_middleware]`. */
export const SERVICE_OPTIONS = [
  // [auth]
  {
    section: 'auth',
    name: 'token_secret',
    type: 'string',
    secret: true,
    default: '',
    help: 'Secret that signs and verifies tokens, the same on every host; the `authtoken` filter (auth strategy `token`) needs it.'
  },
  {
    section: 'auth',
    name: 'token_ttl',
    type: 'int',
    min: 1,
    default: 3600,
    help: 'Seconds a token stays valid.'
  },
  // [keystone_authtoken]
  ...keystoneOption(
    'auth_url',
    '',
    'Keystone identity endpoint the `keystone_authtoken` filter validates tokens against (`http://HOST:5000/v3`, `/v3` optional); required by that filter.'
  ),
  ...keystoneOption(
    'www_authenticate_uri',
    '',
    'Keystone address a 401 names in `WWW-Authenticate: Keystone uri="..."`, for clients; empty: `auth_url`.'
  ),
  ...keystoneOption(
    'username',
    '',
    'Service user the filter authenticates as (password authentication); it needs the `service` or `admin` role to validate tokens. Required.'
  ),
  ...keystoneOption('password', '', "The service user's password. Required.", true),
  ...keystoneOption('project_name', 'service', "Project the service user's token is scoped to."),
  ...keystoneOption('user_domain_name', 'Default', 'Domain of the service user.'),
  ...keystoneOption('project_domain_name', 'Default', "Domain of the service user's project."),
  {
    section: 'keystone_authtoken',
    name: 'token_cache_time',
    type: 'int',
    min: 0,
    default: 300,
    help: "Seconds a validated token is served from the process's cache (never past the token's expiry; at most 10000 tokens); 0 asks Keystone on every request. A revoked token stays accepted up to this long."
  },
  {
    section: 'keystone_authtoken',
    name: 'http_connect_timeout',
    type: 'int',
    min: 1,
    max: 300,
    default: 5,
    help: 'Seconds each exchange with Keystone may take; past it the request gets 503 with `Retry-After`, as when Keystone is unreachable.'
  },
  // [ratelimit]
  {
    section: 'ratelimit',
    name: 'enabled',
    type: 'bool',
    default: false,
    help: 'Limit requests per project (the `ratelimit` filter passes everything when off).'
  },
  {
    section: 'ratelimit',
    name: 'requests_per_minute',
    type: 'int',
    min: 1,
    default: 120,
    help: 'Requests one project may make per minute; more get 429 with `Retry-After`.'
  },
  {
    section: 'ratelimit',
    name: 'backend',
    type: 'enum',
    choices: ['memory', 'redis'],
    default: 'memory',
    help: '`memory` counts per process; `redis` shares the counts across workers and hosts.'
  },
  {
    section: 'ratelimit',
    name: 'redis_url',
    type: 'string',
    pattern: /^rediss?:\/\/.+/,
    patternHelp: 'a `redis://` or `rediss://` URL',
    default: 'redis://127.0.0.1:6379',
    help: 'Redis server of the `redis` backend.'
  },
  {
    section: 'ratelimit',
    name: 'on_backend_error',
    type: 'enum',
    choices: ['open', 'closed'],
    default: 'open',
    help: 'When the Redis store fails (down, or no answer within 500 ms): `open` lets requests pass unlimited, `closed` answers them 503 with `Retry-After`. Either way the outage is logged once and the limit applies again as soon as Redis answers.'
  },
  {
    section: 'ratelimit',
    name: 'failed_auth_per_minute',
    type: 'int',
    min: 0,
    default: 30,
    help: 'Failed authentications (401) one client address may make per minute; past it every request from that address gets 429 with `Retry-After` until its failures age out. On even when `enabled` is off; counted in `backend`; 0 turns it off.'
  },
  // [cors]
  {
    section: 'cors',
    name: 'allowed_origin',
    type: 'list',
    default: CORS_DEFAULTS.allowedOrigin,
    help: 'Origins allowed to call the API from a browser (`*` for any, answered as `*` and never with credentials); empty turns CORS off. When on, every response carries `Vary: Origin`.'
  },
  {
    section: 'cors',
    name: 'allow_credentials',
    type: 'bool',
    default: CORS_DEFAULTS.allowCredentials,
    help: 'Let browsers send credentials (`Access-Control-Allow-Credentials`); wharf authenticates by header, so it needs none. Refused together with `allowed_origin = *`.'
  },
  {
    section: 'cors',
    name: 'allow_methods',
    type: 'list',
    default: CORS_DEFAULTS.allowMethods,
    help: 'Methods allowed in cross-origin requests.'
  },
  {
    section: 'cors',
    name: 'allow_headers',
    type: 'list',
    default: CORS_DEFAULTS.allowHeaders,
    help: 'Request headers allowed in cross-origin requests (`Accept`, `Accept-Language` and `Content-Language` always are).'
  },
  {
    section: 'cors',
    name: 'expose_headers',
    type: 'list',
    default: CORS_DEFAULTS.exposeHeaders,
    help: 'Response headers a browser script may read.'
  },
  {
    section: 'cors',
    name: 'max_age',
    type: 'int',
    min: 0,
    default: CORS_DEFAULTS.maxAge,
    help: 'Seconds a browser may cache a preflight answer.'
  },
  // [sizelimit]
  {
    section: 'sizelimit',
    name: 'max_request_body_size',
    type: 'int',
    min: 1,
    default: 114688,
    help: 'Largest request body, in bytes; larger gets 413.'
  },
  // [ip_filter]
  {
    section: 'ip_filter',
    name: 'allow',
    type: 'list',
    default: [],
    help: 'Clients the `ip_filter` filter serves: IPv4 and IPv6 addresses and CIDR blocks (`10.0.0.0/8, 2001:db8::/32`); others get 403. Empty: every client not denied.'
  },
  {
    section: 'ip_filter',
    name: 'deny',
    type: 'list',
    default: [],
    help: 'Clients the `ip_filter` filter refuses with 403, even when `allow` lists them: addresses and CIDR blocks. The address is the trusted-proxy-aware client address (`[wsgi] trusted_proxies`).'
  },
  // [profiler]
  {
    section: 'profiler',
    name: 'enabled',
    type: 'bool',
    default: false,
    help: "Trace requests: the `tracing` filter (nova's `osprofiler`) writes an OpenTelemetry span per request and one per extension step, to the globally registered OpenTelemetry SDK or the TracerProvider the embedding program registers (docs/pipeline.md)."
  },
  // [oslo_middleware]
  {
    section: 'oslo_middleware',
    name: 'enable_proxy_headers_parsing',
    type: 'bool',
    default: false,
    help: 'Let the `http_proxy_to_wsgi` filter read `X-Forwarded-Proto`, `-Host`, `-Prefix`, `-For` and `Forwarded` from the peers of `[wsgi] trusted_proxies` (which must then not be empty), for links, `Location` headers and the client address.'
  }
] as const satisfies readonly OptionSpec[];
