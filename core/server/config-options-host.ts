/**
 * Options of the host itself: logging and enabled APIs (`[DEFAULT]`), API behaviour
 * (`[api]`), the HTTP server (`[wsgi]`) and extension loading (`[extensions]`).
 */
import { fileURLToPath } from 'node:url';
import { PROXY_WSGI_OPTIONS } from '../middleware/http-proxy-to-wsgi-options.js';
import { WSGI_LOG_FORMAT_OPTIONS } from '../middleware/request-log-options.js';
import type { OptionSpec } from './config-options.js';

const shipped = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const MICROVERSION = /^([1-9]\d*)\.([1-9]\d*|0)$/;

/** `[DEFAULT]`, `[api]`, `[wsgi]` and `[extensions]`. */
export const HOST_OPTIONS = [
  // [DEFAULT]
  {
    section: 'DEFAULT',
    name: 'log_level',
    type: 'enum',
    choices: ['error', 'warn', 'info', 'http', 'verbose', 'debug'],
    default: 'info',
    help: 'Lowest level written to the log.'
  },
  {
    section: 'DEFAULT',
    name: 'log_format',
    type: 'enum',
    choices: ['text', 'json'],
    default: 'text',
    help: '`text` for people, `json` (one object a line) for log shippers.'
  },
  {
    section: 'DEFAULT',
    name: 'enabled_apis',
    type: 'list',
    default: ['osapi_compute'],
    help: 'The APIs to serve. Each is a `[composite:NAME]` of the paste file, served on its own address (see `[wsgi] <api>_listen`).'
  },
  // [api]
  {
    section: 'api',
    name: 'auth_strategy',
    type: 'string',
    pattern: /^[\w.-]+$/,
    patternHelp: 'the key of a line of the auth_pipeline composite, such as noauth2',
    default: 'noauth2',
    help: "Which line of each `auth_pipeline` composite runs: any key the composite defines (the shipped file: `noauth2`, `token`, `keystone`, `keystone_nolimit`; nova's: `noauth2`, `keystone`), checked at start-up. `noauth2` trusts the identity the caller claims (development and tests, as in nova); `token` requires tokens signed with `[auth] token_secret`; `keystone` validates tokens against Keystone (`[keystone_authtoken]`), and `keystone_nolimit` does too without the `ratelimit` filter."
  },
  {
    section: 'api',
    name: 'min_version',
    type: 'string',
    pattern: MICROVERSION,
    patternHelp: 'a microversion such as 2.1',
    default: '2.1',
    help: 'Lowest microversion served; requests without a version header get it.'
  },
  {
    section: 'api',
    name: 'max_version',
    type: 'string',
    pattern: MICROVERSION,
    patternHelp: 'a microversion such as 2.2',
    default: '2.2',
    help: 'Highest microversion served (`latest` means this one); lower it to hide newer behaviour.'
  },
  {
    section: 'api',
    name: 'project_id_in_url',
    type: 'bool',
    default: true,
    help: 'Also route URLs carrying the project id (`/v2.1/{project_id}/servers`), as nova does; URLs without it always work.'
  },
  // [wsgi]
  {
    section: 'wsgi',
    name: 'host',
    type: 'string',
    default: '0.0.0.0',
    defaultText: '`0.0.0.0`; `127.0.0.1` with `[api] auth_strategy = noauth2`',
    help: 'Address every API listens on unless `<api>_listen` says otherwise. Under `noauth2` (anyone can claim to be admin) an API binds loopback unless an address is set here, in `<api>_listen`, the environment or `--host`; a non-loopback address then logs a warning.'
  },
  {
    section: 'wsgi',
    name: 'port',
    type: 'int',
    min: 0,
    max: 65535,
    default: 8774,
    help: 'Port of every API without its own `<api>_listen_port`; 0 picks a free port.'
  },
  {
    section: 'wsgi',
    name: 'backlog',
    type: 'int',
    min: 1,
    default: 511,
    help: 'Length of the queue of connections waiting to be accepted.'
  },
  {
    section: 'wsgi',
    name: 'workers',
    type: 'int',
    min: 1,
    auto: true,
    default: 1,
    help: 'Worker processes (node:cluster) under a supervising primary; `auto` starts one per CPU.'
  },
  {
    section: 'wsgi',
    name: 'max_header_size',
    type: 'int',
    min: 1024,
    default: 16384,
    help: 'Largest request head (request line and headers), in bytes; larger gets 431.'
  },
  {
    section: 'wsgi',
    name: 'keep_alive_timeout',
    type: 'float',
    min: 0,
    default: 5,
    help: 'Seconds an idle keep-alive connection stays open; 0 closes it after each response.'
  },
  {
    section: 'wsgi',
    name: 'request_timeout',
    type: 'float',
    min: 0,
    default: 60,
    help: 'Seconds to receive a whole request before the connection is closed; 0 waits forever.'
  },
  {
    section: 'wsgi',
    name: 'max_url_length',
    type: 'int',
    min: 1,
    default: 8192,
    help: 'Longest request URL, in bytes; longer gets 414.'
  },
  {
    section: 'wsgi',
    name: 'max_concurrent_requests',
    type: 'int',
    min: 0,
    default: 1000,
    help: 'Requests in flight per worker before new ones wait for a slot (see `max_queue_wait`); 0 means no limit.'
  },
  {
    section: 'wsgi',
    name: 'max_queue_wait',
    type: 'float',
    min: 0,
    default: 0.5,
    help: 'Seconds a request may wait for a slot, or may have waited in a busy event loop, before it gets 503 with `Retry-After`; 0 refuses at once.'
  },
  {
    section: 'wsgi',
    name: 'drain_timeout',
    type: 'float',
    min: 0,
    default: 30,
    help: 'Seconds a stopping server lets requests in flight finish; those still running then get 503 and the process exits 3.'
  },
  {
    section: 'wsgi',
    name: 'request_deadline',
    type: 'float',
    min: 0,
    default: 60,
    help: "Seconds an extension's handler may run once it goes asynchronous; at the deadline the request gets a 504 `computeFault` and whatever the handler produces later is discarded. 0: no deadline. Per extension: `[extensions] request_deadlines`."
  },
  {
    section: 'wsgi',
    name: 'api_paste_config',
    type: 'path',
    default: shipped('etc/api-paste.ini'),
    defaultText: 'the shipped `etc/api-paste.ini`',
    help: 'The paste pipeline file (see docs/pipeline.md).'
  },
  ...PROXY_WSGI_OPTIONS,
  ...WSGI_LOG_FORMAT_OPTIONS,
  {
    section: 'wsgi',
    name: 'client_socket_timeout',
    type: 'float',
    min: 0,
    default: 900,
    help: "Seconds a client socket may stay idle (nothing received or sent) before it is closed, as nova's option; a request its handler is still answering is never cut. 0: no limit."
  },
  {
    section: 'wsgi',
    name: 'ssl_cert_file',
    type: 'path',
    default: '',
    help: 'PEM certificate chain; with `ssl_key_file`, every API is served over HTTPS (both or neither). Re-read on SIGHUP without dropping connections. Empty: plain HTTP.'
  },
  {
    section: 'wsgi',
    name: 'ssl_key_file',
    type: 'path',
    default: '',
    help: 'PEM private key of `ssl_cert_file`; re-read with it on SIGHUP. An unreadable file or a key that does not match stops start-up.'
  },
  // [extensions]
  {
    section: 'extensions',
    name: 'manifest',
    type: 'path',
    default: shipped('entry-points.json'),
    defaultText: "the project's `entry-points.json`",
    help: 'The entry-points manifest listing the bundled extensions, filters, apps and drivers.'
  },
  {
    section: 'extensions',
    name: 'dropin_dirs',
    type: 'list',
    items: 'path',
    default: [],
    help: 'Folders holding drop-in extension packages (each with a `wharf` field in its package.json).'
  },
  {
    section: 'extensions',
    name: 'enabled',
    type: 'list',
    default: [],
    help: 'API extension aliases to enable; empty enables every one found.'
  },
  {
    section: 'extensions',
    name: 'disabled',
    type: 'list',
    default: [],
    help: 'API extension aliases to disable, even when `enabled` names them.'
  },
  {
    section: 'extensions',
    name: 'strict',
    type: 'bool',
    default: false,
    help: 'Stop start-up when an extension fails to import, build or pass its check, instead of logging and skipping it.'
  },
  {
    section: 'extensions',
    name: 'request_deadlines',
    type: 'list',
    default: [],
    help: "Deadlines of particular extensions, as `alias:seconds` items (e.g. `os-migrate:300, slow-reports:5`); the extension owning the request's handler decides. Others use `[wsgi] request_deadline`; 0 means none."
  },
  {
    section: 'extensions',
    name: 'quarantine_threshold',
    type: 'int',
    min: 0,
    default: 5,
    help: 'Faults of one extension within `quarantine_window` that quarantine it (its routes answer 503, its pre- and post-processors are skipped); 0 never quarantines.'
  },
  {
    section: 'extensions',
    name: 'quarantine_window',
    type: 'float',
    min: 0,
    default: 60,
    help: "Seconds over which an extension's faults are counted."
  },
  {
    section: 'extensions',
    name: 'quarantine_cooldown',
    type: 'float',
    min: 0,
    default: 60,
    help: 'Seconds a quarantined extension stays quarantined before it is released.'
  }
] as const satisfies readonly OptionSpec[];
