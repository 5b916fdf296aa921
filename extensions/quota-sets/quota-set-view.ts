/**
 * nova's quota_set documents: the limits by resource (show, defaults, update), or per
 * resource `{in_use, limit, reserved}` (detail). From microversion 2.36 the network
 * resources are gone, from 2.57 the personality-file ones, as nova filters them.
 */
import { APIVersionRequest, type MicroversionLike } from 'wharf';
import {
  QUOTA_RESOURCES,
  type QuotaLimits,
  type QuotaResource,
  type QuotaUsage
} from '../compute/index.js';

/** Dropped from 2.36: nova proxied them from the network service. */
export const NETWORK_RESOURCES: readonly QuotaResource[] = [
  'fixed_ips',
  'floating_ips',
  'security_group_rules',
  'security_groups'
];

/** Dropped from 2.57, with personality files. */
export const INJECTED_FILE_RESOURCES: readonly QuotaResource[] = [
  'injected_files',
  'injected_file_content_bytes',
  'injected_file_path_bytes'
];

const V236 = APIVersionRequest.parse('2.36');
const V257 = APIVersionRequest.parse('2.57');

/** The resources a quota_set carries at `version`. */
export function quotaResourcesAt(version: MicroversionLike): QuotaResource[] {
  const hidden = new Set<QuotaResource>();
  if (V236.compare(version) <= 0) NETWORK_RESOURCES.forEach((name) => hidden.add(name));
  if (V257.compare(version) <= 0) INJECTED_FILE_RESOURCES.forEach((name) => hidden.add(name));
  return QUOTA_RESOURCES.filter((name) => !hidden.has(name));
}

/** `{"quota_set": {...limits}}`, with `id` when given (show, defaults; not update). */
export function quotaSet(
  limits: QuotaLimits,
  version: MicroversionLike,
  projectId?: string
): { quota_set: Record<string, unknown> } {
  const set: Record<string, unknown> = projectId === undefined ? {} : { id: projectId };
  for (const resource of quotaResourcesAt(version)) set[resource] = limits[resource];
  return { quota_set: set };
}

/** The detail document: each resource's limit, what is in use, and `reserved` (always 0). */
export function quotaSetDetail(
  limits: QuotaLimits,
  usage: QuotaUsage,
  version: MicroversionLike,
  projectId: string
): { quota_set: Record<string, unknown> } {
  const set: Record<string, unknown> = { id: projectId };
  for (const resource of quotaResourcesAt(version)) {
    const inUse = resource in usage ? usage[resource as keyof QuotaUsage] : 0;
    set[resource] = { in_use: inUse, limit: limits[resource], reserved: 0 };
  }
  return { quota_set: set };
}
