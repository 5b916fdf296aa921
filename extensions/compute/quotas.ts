/**
 * nova's quotas, the rules without the storage: the resources of os-quota-sets, the five
 * wharf enforces with their defaults from `[quota]`, and the checks a write runs inside its transaction, each
 * throwing nova's over-quota error (403 in the API). -1 is unlimited, as in nova.
 */
import type { WharfConfig } from 'wharf';
import {
  InvalidQuotaLimit,
  KeypairLimitExceeded,
  MetadataLimitExceeded,
  TooManyInstances,
  TooManyServersPerRequest
} from './errors.js';
import type { Flavor } from './models.js';
import { COMPUTE_OPTIONS } from './options.js';

/** The resources wharf counts and enforces. */
export const ENFORCED_QUOTA_RESOURCES = [
  'instances',
  'cores',
  'ram',
  'metadata_items',
  'key_pairs'
] as const;

/**
 * nova's other quota resources with nova's defaults: shown and settable through
 * os-quota-sets and /limits, as clients expect every one of them, but nothing in wharf
 * creates what they count (networks, personality files, server groups).
 */
export const UNENFORCED_QUOTA_DEFAULTS = {
  fixed_ips: -1,
  floating_ips: -1,
  security_groups: -1,
  security_group_rules: -1,
  injected_files: 5,
  injected_file_content_bytes: 10240,
  injected_file_path_bytes: 255,
  server_groups: 10,
  server_group_members: 10
} as const;

/** Every quota resource of nova's os-quota-sets. */
export const QUOTA_RESOURCES = [
  ...ENFORCED_QUOTA_RESOURCES,
  ...(Object.keys(UNENFORCED_QUOTA_DEFAULTS) as (keyof typeof UNENFORCED_QUOTA_DEFAULTS)[])
] as const;

/** One quota resource. */
export type QuotaResource =
  (typeof ENFORCED_QUOTA_RESOURCES)[number] | keyof typeof UNENFORCED_QUOTA_DEFAULTS;

/** A limit per resource; -1 is unlimited. */
export type QuotaLimits = Readonly<Record<QuotaResource, number>>;

/** What a project (and, for key pairs, a user) uses now. */
export interface QuotaUsage {
  readonly instances: number;
  readonly cores: number;
  readonly ram: number;
  /** The user's live key pairs. */
  readonly key_pairs: number;
}

/** nova's `db.constants.MAX_INT`: no limit is higher. */
export const MAX_QUOTA_LIMIT = 0x7fffffff;

/** Unlimited. */
export const UNLIMITED = -1;

/** The limits of every project without its own: `[quota]`, and nova's for the others. */
export function quotaDefaults(config: WharfConfig): QuotaLimits {
  const { instances, cores, ram, metadata_items, key_pairs } = COMPUTE_OPTIONS.of(config).quota;
  return { instances, cores, ram, metadata_items, key_pairs, ...UNENFORCED_QUOTA_DEFAULTS };
}

/** Whether `name` is a quota resource of os-quota-sets. */
export function isQuotaResource(name: string): name is QuotaResource {
  return (QUOTA_RESOURCES as readonly string[]).includes(name);
}

/** A count as digits, never in exponent form (`1e+21`); beyond any double it is `Infinity`. */
function countText(count: number): string {
  return Number.isFinite(count) ? BigInt(Math.trunc(count)).toString() : String(count);
}

/** A server create's count, before any quota: `[quota] max_servers_per_request` bounds it. */
export function assertBatchSize(maxCount: number, maxPerRequest: number): void {
  if (maxCount > maxPerRequest)
    throw new TooManyServersPerRequest(countText(maxCount), maxPerRequest);
}

function exceeds(limit: number, used: number, requested: number): boolean {
  return limit !== UNLIMITED && used + requested > limit;
}

/**
 * nova's `check_num_instances_quota` for `maxCount` servers of `flavor`: instances, cores
 * (vcpus) and ram together. Unlike nova, which boots fewer when `minCount` fits, wharf
 * refuses the whole request when `maxCount` does not fit: nothing is written.
 */
export function assertInstancesFit(
  limits: QuotaLimits,
  usage: QuotaUsage,
  flavor: Pick<Flavor, 'vcpus' | 'ram'>,
  minCount: number,
  maxCount: number
): void {
  const requested = {
    instances: maxCount,
    cores: maxCount * flavor.vcpus,
    ram: maxCount * flavor.ram
  };
  const overs = (['cores', 'instances', 'ram'] as const).filter((resource) =>
    exceeds(limits[resource], usage[resource], requested[resource])
  );
  if (overs.length === 0) return;
  const instances =
    minCount === maxCount ? countText(maxCount) : `${countText(minCount)}-${countText(maxCount)}`;
  throw new TooManyInstances({
    overs,
    requested: overs.map((resource) =>
      resource === 'instances' ? instances : countText(requested[resource])
    ),
    used: overs.map((resource) => usage[resource]),
    allowed: overs.map((resource) => limits[resource])
  });
}

/** nova's `_check_metadata_properties_quota`: a server's items after the write. */
export function assertMetadataFits(limits: QuotaLimits, items: number): void {
  if (exceeds(limits.metadata_items, 0, items)) {
    throw new MetadataLimitExceeded(limits.metadata_items);
  }
}

/** nova's key pair count check: one more key pair for a user who has `existing`. */
export function assertKeypairFits(limits: QuotaLimits, existing: number): void {
  if (exceeds(limits.key_pairs, existing, 1)) throw new KeypairLimitExceeded();
}

/**
 * nova's `_validate_quota_limit`: a new limit may not be below what the project uses
 * (unless forced); -1 is unlimited and always fits.
 */
export function assertLimitSettable(resource: string, limit: number, used: number): void {
  if (limit !== UNLIMITED && limit < used) {
    throw new InvalidQuotaLimit(
      `Quota limit ${limit} for ${resource} must be greater than or equal to already used ` +
        `and reserved ${used}.`
    );
  }
}
