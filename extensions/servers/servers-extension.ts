/**
 * `servers`: the API extension adding the `servers` collection (and `GET /servers/detail`).
 * It starts loading the server create hooks as it is built, so the create schema is
 * assembled and compiled once, before the first request needs it.
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

  constructor(
    @inject(ComputeServices) private readonly services: ComputeServices,
    @inject(tokens.ENTRY_POINT_CATALOG) catalog: EntryPointCatalog,
    @inject(tokens.CONFIG) config: WharfConfig,
    @inject(tokens.EXTENSION_LOGGER) logger: Logger
  ) {
    super();
    const hooks = ServerCreateHooks.load({ services, catalog, config, logger });
    // Every create awaits the same promise and reports its failure as a 500; log it once.
    hooks.catch((error: Error) => logger.error(`server create hooks failed: ${error.message}`));
    this.controller = new ServersController(services, hooks);
  }

  /** The rule as this deployment's policy has it (defaults plus `[policy] policy_file`). */
  override describePolicy(rule: string): PolicyDescription | undefined {
    return this.services.policy.describe(rule);
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
