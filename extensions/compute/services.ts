/**
 * ComputeServices: what every bundled compute extension needs, injected through the host
 * container: the backend (database, repositories, compute API: see backend.ts), opened
 * once per host configuration on first use, the policy enforcer, and the caller's scope.
 *
 * The backend's module, and with it Kysely and the database drivers, is imported when the
 * backend is first opened, not when an extension module is: a host whose compute
 * extensions are disabled never loads them, and one where they are enabled loads them
 * with the database it opens anyway on the first compute request.
 */
import {
  EntryPointCatalog,
  inject,
  injectable,
  tokens,
  type ApiRequest,
  type Logger,
  type RequestContext,
  type WharfConfig
} from 'wharf';
import type { ComputeBackend } from './backend.js';
import { redacted } from './db/connection-string.js';
import type { PowerAction } from './compute-api.js';
import type { Scope, Server } from './models.js';
import { COMPUTE_OPTIONS } from './options.js';
import { PolicyEnforcer } from './policy/enforcer.js';

// One backend per configuration object: every extension of one host shares it, and two
// hosts in one process (tests) keep theirs apart.
const backends = new WeakMap<object, Promise<ComputeBackend>>();
const enforcers = new WeakMap<object, PolicyEnforcer>();

/** Injectable access to the compute backend and policy. */
@injectable()
export class ComputeServices {
  constructor(
    @inject(tokens.CONFIG) private readonly config: WharfConfig,
    @inject(tokens.LOGGER) private readonly logger: Logger,
    @inject(tokens.ENTRY_POINT_CATALOG) private readonly catalog: EntryPointCatalog
  ) {}

  /** The backend, opened and migrated on first use. */
  backend(): Promise<ComputeBackend> {
    let backend = backends.get(this.config);
    if (!backend) {
      backend = this.open();
      backends.set(this.config, backend);
      backend.catch(() => backends.delete(this.config));
    }
    return backend;
  }

  /**
   * Opens, migrates and warms the backend and reads the policy file: what the first request
   * would otherwise do, done before the host listens (a bad policy file stops start-up).
   */
  async prepare(): Promise<void> {
    await this.backend();
    this.policyEnforcer();
  }

  /** The policy enforcer of this configuration (defaults plus `[policy] policy_file`). */
  get policy(): PolicyEnforcer {
    return this.policyEnforcer();
  }

  private policyEnforcer(): PolicyEnforcer {
    let enforcer = enforcers.get(this.config);
    if (!enforcer) {
      const file = COMPUTE_OPTIONS.of(this.config).policy.policy_file;
      enforcer = file ? PolicyEnforcer.fromFile(file) : new PolicyEnforcer();
      enforcers.set(this.config, enforcer);
    }
    return enforcer;
  }

  /** The caller's scope; `allTenants` only counts for administrators. */
  scope(context: RequestContext, allTenants = false): Scope {
    return {
      projectId: context.projectId ?? '',
      userId: context.userId ?? '',
      isAdmin: context.isAdmin,
      allTenants: allTenants && context.isAdmin
    };
  }

  /**
   * Looks the server of the URL (`req.params.id`) up for the caller (administrators see
   * every project's), checks the rule the method declares against its project and user, and
   * runs `act` on it; compute errors answer as their faults.
   */
  async withAuthorizedServer<R>(
    req: ApiRequest,
    act: (server: Server, backend: ComputeBackend, scope: Scope) => Promise<R>
  ): Promise<R> {
    const backend = await this.backend();
    const scope = this.scope(req.context, true);
    const server = await backend.servers.get(req.params.id!, scope);
    this.policy.authorize(req, { project_id: server.projectId, user_id: server.userId });
    return await act(server, backend, scope);
  }

  /**
   * Runs a power action (`stop`, `pause`, `reboot-hard`, ...) on the server of the URL,
   * when the caller passes the rule the method declares.
   */
  performAction(req: ApiRequest, action: PowerAction): Promise<void> {
    return this.withAuthorizedServer(req, async (server, { compute }, scope) => {
      await compute.perform(action, server.id, scope);
    });
  }

  private async open(): Promise<ComputeBackend> {
    const { openComputeBackend } = await import('./backend.js');
    const connection = COMPUTE_OPTIONS.of(this.config).database.connection;
    try {
      return await openComputeBackend({
        config: this.config,
        catalog: this.catalog,
        logger: this.logger
      });
    } catch (error) {
      // The driver's message ("unable to open database file") does not say which database.
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot open the database ${redacted(connection)}: ${reason}`, {
        cause: error
      });
    }
  }
}
