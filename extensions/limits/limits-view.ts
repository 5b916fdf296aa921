/**
 * nova's limits document (`views/limits.py`): the project's quotas under nova's absolute
 * names with what it uses, and `rate: []` (nova has had no rate limits since 2.1). Names
 * leave as nova drops them: network ones from 2.36, `maxImageMeta` from 2.39, personality
 * ones from 2.57.
 */
import { APIVersionRequest, type MicroversionLike } from 'wharf';
import type { QuotaLimits, QuotaResource, QuotaUsage } from '../compute/index.js';

const V236 = APIVersionRequest.parse('2.36');
const V239 = APIVersionRequest.parse('2.39');
const V257 = APIVersionRequest.parse('2.57');

/** nova's `limit_names`: the absolute names of each quota resource. */
const LIMIT_NAMES: ReadonlyArray<readonly [QuotaResource, string]> = [
  ['ram', 'maxTotalRAMSize'],
  ['instances', 'maxTotalInstances'],
  ['cores', 'maxTotalCores'],
  ['key_pairs', 'maxTotalKeypairs'],
  ['floating_ips', 'maxTotalFloatingIps'],
  ['metadata_items', 'maxServerMeta'],
  ['metadata_items', 'maxImageMeta'],
  ['injected_files', 'maxPersonality'],
  ['injected_file_content_bytes', 'maxPersonalitySize'],
  ['security_groups', 'maxSecurityGroups'],
  ['security_group_rules', 'maxSecurityGroupRules'],
  ['server_groups', 'maxServerGroups'],
  ['server_group_members', 'maxServerGroupMembers']
];

/** nova's used-limit names; wharf has no floating IPs, security groups or server groups. */
const USED_NAMES: ReadonlyArray<readonly [string, QuotaResource]> = [
  ['totalRAMUsed', 'ram'],
  ['totalCoresUsed', 'cores'],
  ['totalInstancesUsed', 'instances'],
  ['totalFloatingIpsUsed', 'floating_ips'],
  ['totalSecurityGroupsUsed', 'security_groups'],
  ['totalServerGroupsUsed', 'server_groups']
];

function hiddenAt(version: MicroversionLike): Set<QuotaResource> {
  const hidden = new Set<QuotaResource>();
  if (V236.compare(version) <= 0) {
    for (const name of ['floating_ips', 'security_groups', 'security_group_rules'] as const) {
      hidden.add(name);
    }
  }
  if (V257.compare(version) <= 0) {
    hidden.add('injected_files');
    hidden.add('injected_file_content_bytes');
  }
  return hidden;
}

/** `{"limits": {"rate": [], "absolute": {...}}}` at `version`. */
export function limitsDocument(
  limits: QuotaLimits,
  usage: QuotaUsage,
  version: MicroversionLike
): unknown {
  const hidden = hiddenAt(version);
  const withImageMeta = V239.compare(version) > 0;
  const absolute: Record<string, number> = {};
  for (const [resource, name] of LIMIT_NAMES) {
    if (hidden.has(resource) || (name === 'maxImageMeta' && !withImageMeta)) continue;
    absolute[name] = limits[resource];
  }
  for (const [name, resource] of USED_NAMES) {
    if (!hidden.has(resource))
      absolute[name] = resource in usage ? usage[resource as keyof QuotaUsage] : 0;
  }
  return { limits: { rate: [], absolute } };
}
