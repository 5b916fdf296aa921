/**
 * The default policy of the bundled compute API, in code as nova keeps it: members of the
 * project (or an administrator) may act on their resources; extended server attributes and
 * overriding another user's lock are for administrators. A policy file may override any of
 * these by name.
 */
export const DEFAULT_RULES: Readonly<Record<string, string>> = {
  admin_api: 'is_admin:True or role:admin',
  admin_or_owner: 'is_admin:True or role:admin or project_id:%(project_id)s',
  'os_compute_api:servers:index': 'rule:admin_or_owner',
  'os_compute_api:servers:index:get_all_tenants': 'rule:admin_api',
  'os_compute_api:servers:detail': 'rule:admin_or_owner',
  'os_compute_api:servers:detail:get_all_tenants': 'rule:admin_api',
  'os_compute_api:servers:show': 'rule:admin_or_owner',
  'os_compute_api:servers:create': 'rule:admin_or_owner',
  'os_compute_api:servers:update': 'rule:admin_or_owner',
  'os_compute_api:servers:delete': 'rule:admin_or_owner',
  'os_compute_api:servers:start': 'rule:admin_or_owner',
  'os_compute_api:servers:stop': 'rule:admin_or_owner',
  'os_compute_api:servers:reboot': 'rule:admin_or_owner',
  'os_compute_api:os-pause-server:pause': 'rule:admin_or_owner',
  'os_compute_api:os-pause-server:unpause': 'rule:admin_or_owner',
  'os_compute_api:os-suspend-server:suspend': 'rule:admin_or_owner',
  'os_compute_api:os-suspend-server:resume': 'rule:admin_or_owner',
  'os_compute_api:os-lock-server:lock': 'rule:admin_or_owner',
  'os_compute_api:os-lock-server:unlock': 'rule:admin_or_owner',
  'os_compute_api:os-lock-server:unlock:unlock_override': 'rule:admin_api',
  'os_compute_api:os-extended-server-attributes': 'rule:admin_api',
  'os_compute_api:os-extended-status': 'rule:admin_or_owner',
  'os_compute_api:os-extended-availability-zone': 'rule:admin_or_owner',
  'os_compute_api:os-extended-volumes': 'rule:admin_or_owner',
  'os_compute_api:os-server-usage': 'rule:admin_or_owner',
  'os_compute_api:os-disk-config': 'rule:admin_or_owner',
  'os_compute_api:server-metadata:index': 'rule:admin_or_owner',
  'os_compute_api:server-metadata:show': 'rule:admin_or_owner',
  'os_compute_api:server-metadata:create': 'rule:admin_or_owner',
  'os_compute_api:server-metadata:update': 'rule:admin_or_owner',
  'os_compute_api:server-metadata:update_all': 'rule:admin_or_owner',
  'os_compute_api:server-metadata:delete': 'rule:admin_or_owner',
  'os_compute_api:os-keypairs:index': 'rule:admin_or_owner',
  'os_compute_api:os-keypairs:show': 'rule:admin_or_owner',
  'os_compute_api:os-keypairs:create': 'rule:admin_or_owner',
  'os_compute_api:os-keypairs:delete': 'rule:admin_or_owner',
  'os_compute_api:os-flavor-extra-specs:index': '@',
  'os_compute_api:os-flavor-extra-specs:show': '@',
  'os_compute_api:flavors': '@',
  'os_compute_api:images': '@',
  'os_compute_api:extensions': '@'
};
