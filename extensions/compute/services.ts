/**
 * ComputeServices: what every bundled compute extension needs, injected through the host
 * container: the database (opened, and migrated, once per host configuration), the
 * repositories, the compute API over the configured driver (a DriverManager over
 * `wharf.compute.drivers`), the policy enforcer, and the caller's scope.
 */
import {
  DriverManager,
  EntryPointCatalog,
  inject,
  injectable,
  tokens,
  type Logger,
  type RequestContext,
  type WharfConfig
} from '../../core/index.js';
import { ComputeAPI, type PowerAction } from './compute-api.js';
import { openDatabase, type ComputeDatabase } from './db/database.js';
import { DRIVER_NAMESPACE, type ComputeDriver } from './driver.js';
import { toHTTPError } from './errors.js';
import type { Scope, Server } from './models.js';
import { PolicyEnforcer } from './policy/enforcer.js';
import { FlavorRepository } from './repositories/flavor-repository.js';
import { ImageRepository } from './repositories/image-repository.js';
import { KeypairRepository } from './repositories/keypair-repository.js';
import { ServerMetadataRepository } from './repositories/server-metadata-repository.js';
import { ServerRepository } from './repositories/server-repository.js';

/** Everything opened once per host configuration. */
export interface ComputeBackend {
  database: ComputeDatabase;
  servers: ServerRepository;
  metadata: ServerMetadataRepository;
  keypairs: KeypairRepository;
  flavors: FlavorRepository;
  images: ImageRepository;
  compute: ComputeAPI;
}

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

  /** The policy enforcer of this configuration (defaults plus `[policy] policy_file`). */
  get policy(): PolicyEnforcer {
    let enforcer = enforcers.get(this.config);
    if (!enforcer) {
      const file = this.config.policy.policy_file;
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
   * Looks a server up for the caller (administrators see every project's), checks `rule`
   * against its project and user, and runs `act` on it; compute errors become HTTP errors.
   */
  async withAuthorizedServer<R>(
    context: RequestContext,
    serverId: string,
    rule: string,
    act: (server: Server, backend: ComputeBackend, scope: Scope) => Promise<R>
  ): Promise<R> {
    try {
      const backend = await this.backend();
      const scope = this.scope(context, true);
      const server = await backend.servers.get(serverId, scope);
      this.policy.authorize(context, rule, {
        project_id: server.projectId,
        user_id: server.userId
      });
      return await act(server, backend, scope);
    } catch (error) {
      throw toHTTPError(error);
    }
  }

  /** Runs a power action (`stop`, `pause`, `reboot-hard`, ...) on a server the caller may act on. */
  performAction(
    context: RequestContext,
    serverId: string,
    action: PowerAction,
    rule: string
  ): Promise<void> {
    return this.withAuthorizedServer(
      context,
      serverId,
      rule,
      async (server, { compute }, scope) => {
        await compute.perform(action, server.id, scope);
      }
    );
  }

  private async open(): Promise<ComputeBackend> {
    const database = await openDatabase(this.config.database.connection, { migrate: true });
    const drivers = await DriverManager.create<ComputeDriver>(DRIVER_NAMESPACE, {
      name: this.config.compute.driver,
      invokeOnLoad: true,
      catalog: this.catalog,
      logger: this.logger
    });
    const servers = new ServerRepository(database);
    return {
      database,
      servers,
      metadata: new ServerMetadataRepository(database),
      keypairs: new KeypairRepository(database),
      flavors: new FlavorRepository(database),
      images: new ImageRepository(database),
      compute: new ComputeAPI(servers, drivers.driver, this.logger)
    };
  }
}
