/**
 * The domain records the repositories return and take. Column names are snake_case in the
 * database; these are camelCase, with booleans and dates already converted, so callers never
 * see how a backend stores them.
 */

/**
 * Who is asking. Every server row carries its project and user; a caller sees only its own
 * project's rows unless it is an administrator asking for all tenants.
 */
export interface Scope {
  readonly projectId: string;
  readonly userId: string;
  readonly isAdmin: boolean;
  /** `?all_tenants` was given; honoured for administrators only. */
  readonly allTenants: boolean;
}

/** `OS-DCF:diskConfig`. */
export type DiskConfig = 'MANUAL' | 'AUTO';

/** A server (nova's instance). */
export interface Server {
  readonly id: string;
  /** The autoincrement id `instanceName` is built from. */
  readonly internalId: number;
  readonly name: string;
  readonly projectId: string;
  readonly userId: string;
  /** The API status derived from vm_state and task_state (ACTIVE, SHUTOFF, REBOOT, ...). */
  readonly status: string;
  readonly vmState: string;
  readonly taskState: string | null;
  readonly powerState: number;
  readonly imageRef: string;
  readonly flavorId: string;
  readonly keyName: string | null;
  readonly availabilityZone: string | null;
  readonly host: string | null;
  readonly hypervisorHostname: string | null;
  /** `instance-%08x` of `internalId`, as nova's default `instance_name_template`. */
  readonly instanceName: string;
  readonly accessIPv4: string;
  readonly accessIPv6: string;
  /** nova keeps this as a string: '' or 'True'. */
  readonly configDrive: string;
  readonly diskConfig: DiskConfig;
  readonly locked: boolean;
  /** `owner` or `admin` while locked, else null. */
  readonly lockedBy: string | null;
  /** Null-prototype: a key such as `__proto__` is an item like any other. */
  readonly metadata: Record<string, string>;
  readonly createdAt: Date;
  readonly updatedAt: Date | null;
  readonly launchedAt: Date | null;
  readonly terminatedAt: Date | null;
  readonly deleted: boolean;
}

/** `ssh` keys are OpenSSH public keys; `x509` ones are certificates. */
export type KeypairType = 'ssh' | 'x509';

/** A user's keypair. */
export interface Keypair {
  readonly id: number;
  readonly name: string;
  readonly userId: string;
  readonly projectId: string | null;
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly type: KeypairType;
  readonly createdAt: Date;
  readonly updatedAt: Date | null;
  readonly deletedAt: Date | null;
  readonly deleted: boolean;
}

/** A flavor (hardware template). */
export interface Flavor {
  /** nova's `flavorid`: a string, '1' for m1.tiny. */
  readonly id: string;
  readonly name: string;
  /** MiB. */
  readonly ram: number;
  readonly vcpus: number;
  /** Root disk, GiB. */
  readonly disk: number;
  /** MiB; 0 shows as "" in the API. */
  readonly swap: number;
  /** GiB. */
  readonly ephemeral: number;
  readonly rxtxFactor: number;
  readonly isPublic: boolean;
  readonly disabled: boolean;
}

/** An image of the read-only catalogue. */
export interface Image {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  /** GiB. */
  readonly minDisk: number;
  /** MiB. */
  readonly minRam: number;
  /** Bytes. */
  readonly size: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly metadata: Record<string, string>;
}
