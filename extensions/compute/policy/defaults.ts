/**
 * The default policy of the bundled compute API, in code as nova keeps it (its "secure RBAC"
 * defaults): a project's readers may look at its resources, its members may also change
 * them, and administrators may do both anywhere; extended server attributes, overriding
 * another user's lock, setting quotas and reading another project's limits are for
 * administrators. Keystone makes `member` imply `reader`; wharf's tokens carry no implied
 * roles, so the reader rule names both. A policy file may override any of these by name.
 */
export const DEFAULT_RULES: Readonly<Record<string, string>> = {
  admin_api: 'is_admin:True or role:admin',
  project_member_api: 'role:member and project_id:%(project_id)s',
  project_reader_api: '(role:reader or role:member) and project_id:%(project_id)s',
  project_member_or_admin: 'rule:admin_api or rule:project_member_api',
  project_reader_or_admin: 'rule:admin_api or rule:project_reader_api',
  // nova's pre-RBAC name, kept for policy files that still refer to it.
  admin_or_owner: 'rule:project_member_or_admin',
  'os_compute_api:servers:index': 'rule:project_reader_or_admin',
  'os_compute_api:servers:index:get_all_tenants': 'rule:admin_api',
  'os_compute_api:servers:detail': 'rule:project_reader_or_admin',
  'os_compute_api:servers:detail:get_all_tenants': 'rule:admin_api',
  'os_compute_api:servers:show': 'rule:project_reader_or_admin',
  'os_compute_api:servers:create': 'rule:project_member_or_admin',
  'os_compute_api:servers:update': 'rule:project_member_or_admin',
  'os_compute_api:servers:delete': 'rule:project_member_or_admin',
  'os_compute_api:servers:start': 'rule:project_member_or_admin',
  'os_compute_api:servers:stop': 'rule:project_member_or_admin',
  'os_compute_api:servers:reboot': 'rule:project_member_or_admin',
  'os_compute_api:os-pause-server:pause': 'rule:project_member_or_admin',
  'os_compute_api:os-pause-server:unpause': 'rule:project_member_or_admin',
  'os_compute_api:os-suspend-server:suspend': 'rule:project_member_or_admin',
  'os_compute_api:os-suspend-server:resume': 'rule:project_member_or_admin',
  'os_compute_api:os-lock-server:lock': 'rule:project_member_or_admin',
  'os_compute_api:os-lock-server:unlock': 'rule:project_member_or_admin',
  'os_compute_api:os-lock-server:unlock:unlock_override': 'rule:admin_api',
  'os_compute_api:os-extended-server-attributes': 'rule:admin_api',
  'os_compute_api:os-extended-status': 'rule:project_reader_or_admin',
  'os_compute_api:os-extended-availability-zone': 'rule:project_reader_or_admin',
  'os_compute_api:os-extended-volumes': 'rule:project_reader_or_admin',
  'os_compute_api:os-server-usage': 'rule:project_reader_or_admin',
  'os_compute_api:os-disk-config': 'rule:project_reader_or_admin',
  'os_compute_api:server-metadata:index': 'rule:project_reader_or_admin',
  'os_compute_api:server-metadata:show': 'rule:project_reader_or_admin',
  'os_compute_api:server-metadata:create': 'rule:project_member_or_admin',
  'os_compute_api:server-metadata:update': 'rule:project_member_or_admin',
  'os_compute_api:server-metadata:update_all': 'rule:project_member_or_admin',
  'os_compute_api:server-metadata:delete': 'rule:project_member_or_admin',
  'os_compute_api:os-keypairs:index': 'rule:project_reader_or_admin',
  'os_compute_api:os-keypairs:show': 'rule:project_reader_or_admin',
  'os_compute_api:os-keypairs:create': 'rule:project_member_or_admin',
  'os_compute_api:os-keypairs:delete': 'rule:project_member_or_admin',
  'os_compute_api:os-flavor-extra-specs:index': '@',
  'os_compute_api:os-flavor-extra-specs:show': '@',
  'os_compute_api:flavors': '@',
  'os_compute_api:images': '@',
  'os_compute_api:extensions': '@',
  'os_compute_api:os-quota-sets:show': 'rule:project_reader_or_admin',
  'os_compute_api:os-quota-sets:detail': 'rule:project_reader_or_admin',
  'os_compute_api:os-quota-sets:defaults': '@',
  'os_compute_api:os-quota-sets:update': 'rule:admin_api',
  'os_compute_api:os-quota-sets:delete': 'rule:admin_api',
  'os_compute_api:limits': '@',
  'os_compute_api:limits:other_project': 'rule:admin_api'
};
