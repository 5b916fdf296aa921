/**
 * Domain errors of the compute library, every `COMPUTE_*` code declared here and nowhere
 * else. Each declares once the HTTP status nova answers with: being wharf errors (branded),
 * they render as their own fault (404, 403, 409, 400 with nova's message) wherever they are
 * thrown, so controllers need no translation; `@wsgi.expectedErrors` still decides which
 * statuses a method may answer. Messages are nova's own wording: clients and people read them.
 */
import { WharfError, type WharfErrorOptions } from 'wharf';

/** Base class of every compute domain error. */
export class ComputeError extends WharfError {}

/** 404: the named resource does not exist or is not visible to the caller. */
export class ComputeNotFound extends ComputeError {
  constructor(code: string, message: string, options: WharfErrorOptions = {}) {
    super(code, message, 404, options);
  }
}

/** 403: policy forbids the caller this operation on the resource. */
export class ComputeForbidden extends ComputeError {
  constructor(code: string, message: string, options: WharfErrorOptions = {}) {
    super(code, message, 403, options);
  }
}

/** 409: the resource's state or an existing resource forbids the request. */
export class ComputeConflict extends ComputeError {
  constructor(code: string, message: string, options: WharfErrorOptions = {}) {
    super(code, message, 409, options);
  }
}

/** 400: the caller passed something invalid (a marker, a key). */
export class ComputeInvalid extends ComputeError {
  constructor(code: string, message: string, options: WharfErrorOptions = {}) {
    super(code, message, 400, options);
  }
}

/** No visible, non-deleted server has this id. */
export class ServerNotFound extends ComputeNotFound {
  constructor(serverId: string) {
    super('COMPUTE_SERVER_NOT_FOUND', `Instance ${serverId} could not be found.`);
  }
}

/** No flavor has this id. */
export class FlavorNotFound extends ComputeNotFound {
  constructor(flavorId: string) {
    super('COMPUTE_FLAVOR_NOT_FOUND', `Flavor ${flavorId} could not be found.`);
  }
}

/** The flavor has no extra spec with this key. */
export class FlavorExtraSpecNotFound extends ComputeNotFound {
  constructor(flavorId: string, key: string) {
    super(
      'COMPUTE_FLAVOR_EXTRA_SPEC_NOT_FOUND',
      `Flavor ${flavorId} has no extra specs with key ${key}.`
    );
  }
}

/** No image in the catalogue has this id. */
export class ImageNotFound extends ComputeNotFound {
  constructor(imageId: string) {
    super('COMPUTE_IMAGE_NOT_FOUND', `Image ${imageId} could not be found.`);
  }
}

/** The user has no (non-deleted) keypair of this name. */
export class KeypairNotFound extends ComputeNotFound {
  constructor(name: string, userId: string) {
    super('COMPUTE_KEYPAIR_NOT_FOUND', `Keypair ${name} not found for user ${userId}`);
  }
}

/** The server has no metadata item with this key. */
export class MetadataItemNotFound extends ComputeNotFound {
  constructor() {
    super('COMPUTE_METADATA_ITEM_NOT_FOUND', 'Metadata item was not found');
  }
}

/** The user already has a keypair of this name. */
export class KeypairExists extends ComputeConflict {
  constructor(name: string, options: WharfErrorOptions = {}) {
    super('COMPUTE_KEYPAIR_EXISTS', `Key pair '${name}' already exists.`, options);
  }
}

/** The server's vm_state or task_state forbids the action (nova's InstanceInvalidState). */
export class InstanceInvalidState extends ComputeConflict {
  /** The attribute at fault: `vm_state` or `task_state`. */
  readonly attribute: 'vm_state' | 'task_state';
  /** The value it had. */
  readonly state: string;
  constructor(
    action: string,
    serverId: string,
    attribute: 'vm_state' | 'task_state',
    state: string
  ) {
    super(
      'COMPUTE_INSTANCE_INVALID_STATE',
      `Cannot '${action}' instance ${serverId} while it is in ${attribute} ${state}`
    );
    this.attribute = attribute;
    this.state = state;
  }
}

/** The server is locked and the caller is not an administrator. */
export class InstanceLocked extends ComputeConflict {
  constructor(serverId: string) {
    super('COMPUTE_INSTANCE_LOCKED', `Instance ${serverId} is locked`);
  }
}

/** A pagination marker names no row the caller can see. */
export class InvalidMarker extends ComputeInvalid {
  constructor(marker: string) {
    super('COMPUTE_INVALID_MARKER', `marker [${marker}] not found`);
  }
}

/** Base of the over-quota errors: 403 forbidden, as nova's API answers its OverQuota. */
export class OverQuota extends ComputeForbidden {}

/** What a refused server create asked for, as nova's TooManyInstances reports it. */
export interface OverQuotaDetail {
  /** The resources over their limit, sorted (`cores`, `instances`, `ram`). */
  readonly overs: readonly string[];
  /** Per resource over: what was requested (`3`, or `1-5` for a min/max range). */
  readonly requested: readonly string[];
  /** Per resource over: what the project already uses. */
  readonly used: readonly number[];
  /** Per resource over: the project's limit. */
  readonly allowed: readonly number[];
}

/** Creating the servers would exceed the instances, cores or ram quota (nova's TooManyInstances). */
export class TooManyInstances extends OverQuota {
  /** The resources over their limit. */
  readonly overs: readonly string[];
  constructor({ overs, requested, used, allowed }: OverQuotaDetail) {
    const list = (items: readonly (string | number)[]) => items.join(', ');
    super(
      'COMPUTE_QUOTA_EXCEEDED',
      `Quota exceeded for ${list(overs)}: Requested ${list(requested)}, but already used ` +
        `${list(used)} of ${list(allowed)} ${list(overs)}`
    );
    this.overs = overs;
  }
}

/** A server would have more metadata items than the metadata_items quota allows. */
export class MetadataLimitExceeded extends OverQuota {
  constructor(allowed: number) {
    super('COMPUTE_METADATA_LIMIT_EXCEEDED', `Maximum number of metadata items exceeds ${allowed}`);
  }
}

/** The user already has as many key pairs as the key_pairs quota allows. */
export class KeypairLimitExceeded extends OverQuota {
  constructor() {
    super('COMPUTE_KEYPAIR_LIMIT_EXCEEDED', 'Quota exceeded, too many key pairs.');
  }
}

/** A quota limit below what the project already uses (without `force`), or above MAX_INT. */
export class InvalidQuotaLimit extends ComputeInvalid {
  constructor(message: string) {
    super('COMPUTE_INVALID_QUOTA_LIMIT', message);
  }
}

/** One create request asked for more servers than `[quota] max_servers_per_request`. */
export class TooManyServersPerRequest extends ComputeInvalid {
  constructor(requested: string, allowed: number) {
    super(
      'COMPUTE_TOO_MANY_SERVERS_PER_REQUEST',
      `Requested ${requested} servers, but one request may create at most ${allowed}`
    );
  }
}

/** An imported public key is not a well-formed OpenSSH key of a supported type. */
export class InvalidKeypair extends ComputeInvalid {
  constructor(reason: string, options: WharfErrorOptions = {}) {
    super('COMPUTE_INVALID_KEYPAIR', `Keypair data is invalid: ${reason}`, options);
  }
}

/**
 * The `name` filter of a server listing is not a pattern wharf will run: longer than the cap,
 * not valid RE2 syntax, or too large a program for the linear-time matcher. The message
 * keeps nova's `Invalid input for query parameters name` form; a long value is cut short.
 */
export class InvalidNameFilter extends ComputeInvalid {
  constructor(pattern: string, reason: string) {
    const shown = pattern.length > 255 ? `${pattern.slice(0, 255)}...` : pattern;
    super(
      'COMPUTE_INVALID_NAME_FILTER',
      `Invalid input for query parameters name. Value: ${shown}. ${reason}`
    );
  }
}

/** The database connection string is neither a sqlite: nor a postgres(ql):// URL. */
export class InvalidDatabaseUrl extends ComputeError {
  constructor(connection: string) {
    super(
      'COMPUTE_INVALID_DATABASE_URL',
      `unsupported database connection string "${connection}": expected sqlite:PATH, ` +
        'sqlite:///abs/path, sqlite::memory: or postgresql://...'
    );
  }
}

/** A schema migration failed; the migrations that ran before it are named. */
export class MigrationFailed extends ComputeError {
  constructor(message: string, options: WharfErrorOptions = {}) {
    super('COMPUTE_MIGRATION_FAILED', message, 500, options);
  }
}

/**
 * The database records migrations this version does not have: a newer wharf migrated it.
 * The host refuses to start rather than serve a schema it does not know.
 */
export class SchemaNewer extends ComputeError {
  /** The unknown migrations, by name. */
  readonly migrations: readonly string[];
  constructor(migrations: readonly string[], options: WharfErrorOptions = {}) {
    super(
      'COMPUTE_SCHEMA_NEWER',
      `the database schema is newer than this wharf: it records migration(s) ` +
        `${migrations.join(', ')}, which this version does not have; run the newer version ` +
        '(or restore a backup from before its upgrade)',
      500,
      options
    );
    this.migrations = migrations;
  }
}

/** Seconds a client is told to wait (`Retry-After`) when the database cannot answer. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * 503: PostgreSQL is unreachable, restarting or out of connections, or no pool connection
 * came within `[database] connect_timeout`. Carries `Retry-After`; the cause is logged, never
 * shown to the client.
 */
export class DatabaseUnavailable extends ComputeError {
  constructor(options: WharfErrorOptions = {}) {
    super(
      'COMPUTE_DATABASE_UNAVAILABLE',
      'The database is unavailable. Please try again later.',
      503,
      {
        ...options,
        headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) }
      }
    );
  }
}

/** 503: a statement ran past `[database] statement_timeout` and PostgreSQL cancelled it. */
export class DatabaseTimeout extends ComputeError {
  constructor(options: WharfErrorOptions = {}) {
    super(
      'COMPUTE_DATABASE_TIMEOUT',
      'The database did not answer in time. Please try again later.',
      503,
      { ...options, headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } }
    );
  }
}

/**
 * 503: another connection held SQLite's write lock longer than `[database] busy_timeout`
 * (a large batch create in another worker) and the statement gave up waiting. Transient,
 * so it carries `Retry-After` like the PostgreSQL failures; its own code because the remedy
 * differs from a slow statement's (`COMPUTE_DATABASE_TIMEOUT`): shorter writers or a longer
 * busy_timeout.
 */
export class DatabaseBusy extends ComputeError {
  constructor(options: WharfErrorOptions = {}) {
    super('COMPUTE_DATABASE_BUSY', 'The database is busy. Please try again later.', 503, {
      ...options,
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) }
    });
  }
}

/**
 * A method authorized against a rule it does not declare: no `@wsgi.policy`, or a sub-rule
 * missing from its declaration. A mistake of the extension, so a 500 (counted as its fault)
 * rather than a request silently allowed or refused.
 */
export class PolicyUndeclared extends ComputeError {
  constructor(what: string) {
    super(
      'COMPUTE_POLICY_UNDECLARED',
      `${what}: declare it with @wsgi.policy(rule, ...subRules) on the method that authorizes`,
      500
    );
  }
}
