/**
 * `servers`: the API extension adding the `servers` collection (and `GET /servers/detail`).
 * It loads the server create hooks in `prepare()`, so the create schema is assembled and
 * compiled once, before the host listens; not as it is built, since a host builds its
 * disabled extensions too (to read their aliases) and never serves them.
 */
import {
  APIExtensionBase,
  EntryPointCatalog,
  ResourceExtension,
  inject,
  injectable,
  tokens,
  type Logger,
  type PolicyDescription,
  type WharfConfig
} from 'wharf';
import { ComputeServices } from '../compute/index.js';
import { ServerCreateHooks } from './create-hooks.js';
import { ServersController } from './servers-controller.js';

/** The `servers` API extension. */
@injectable()
export class Servers extends APIExtensionBase {
  readonly name = 'Servers';
  readonly alias = 'servers';
  override readonly version = 1;
  override readonly description = 'Servers: boot, list, show, rename and delete.';
  private readonly controller: ServersController;
  private hooks: Promise<ServerCreateHooks> | undefined;

  constructor(
    @inject(ComputeServices) private readonly services: ComputeServices,
    @inject(tokens.ENTRY_POINT_CATALOG) private readonly catalog: EntryPointCatalog,
    @inject(tokens.CONFIG) private readonly config: WharfConfig,
    @inject(tokens.EXTENSION_LOGGER) private readonly logger: Logger
  ) {
    super();
    this.controller = new ServersController(services, () => this.createHooks());
  }

  /**
   * Loads the create hooks and compiles the create schema before the host listens. A
   * failure does not stop start-up: it is logged, and every create answers it as a 500.
   */
  override async prepare(): Promise<void> {
    await this.createHooks().catch(() => undefined);
  }

  /** The rule as this deployment's policy has it (defaults plus `[policy] policy_file`). */
  override describePolicy(rule: string): PolicyDescription | undefined {
    return this.services.policy.describe(rule);
  }

  /** The create hooks, loaded on the first call (`prepare()`, or a create without it). */
  private createHooks(): Promise<ServerCreateHooks> {
    if (this.hooks === undefined) {
      const { services, catalog, config, logger } = this;
      this.hooks = ServerCreateHooks.load({ services, catalog, config, logger });
      // Every create awaits the same promise and reports its failure as a 500; log it once.
      this.hooks.catch((error: Error) =>
        logger.error(`server create hooks failed: ${error.message}`)
      );
    }
    return this.hooks;
  }

  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('servers', this.controller, {
        memberName: 'server',
        collectionActions: { detail: 'GET' }
      })
    ];
  }
}
