/**
 * `[keystone_authtoken]`, declared beside the code that reads it: the `keystone_authtoken` filter (keystone-auth.ts). Registered as the
 * entry point `wharf.config.options: keystone_authtoken` (entry-points.json), the way a plugin
 * registers its options; read typed with `KEYSTONE_AUTHTOKEN_OPTIONS.of(config).keystone_authtoken`.
 */
import { defineOptions } from '../option-group.js';

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

/** The options of `[keystone_authtoken]`. */
export const KEYSTONE_AUTHTOKEN_OPTIONS = defineOptions('wharf', [
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
  }
]);
