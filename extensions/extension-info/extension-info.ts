/**
 * `extensions`: the API extension that lists the loaded API extensions at `GET /extensions`
 * and `GET /extensions/{alias}` in nova's shape, exactly nova's keys, and wharf's own
 * admin document of their health and contributions at `GET /wharf/extensions`.
 */
import {
  APIExtensionBase,
  Controller,
  HTTPNotFound,
  ResourceExtension,
  inject,
  injectable,
  tokens,
  wsgi,
  type ApiRequest,
  type ExtensionHealth,
  type ExtensionRecord,
  type ExtensionRegistry
} from 'wharf';
import { WharfExtensionsController } from './wharf-extensions-controller.js';

/** nova's placeholder namespace for v2.1 extensions. */
const NAMESPACE = 'http://docs.openstack.org/compute/ext/fake_xml';

function view(record: ExtensionRecord): Record<string, unknown> {
  return {
    alias: record.alias,
    name: record.name,
    description: record.description,
    updated: record.updated,
    links: [],
    namespace: NAMESPACE
  };
}

/** Lists the registry. */
export class ExtensionInfoController extends Controller {
  constructor(private readonly registry: ExtensionRegistry) {
    super();
  }

  @wsgi.expectedErrors([])
  index(): unknown {
    return { extensions: this.registry.loaded().map(view) };
  }

  @wsgi.expectedErrors(404)
  show(req: ApiRequest): unknown {
    const record = this.registry.get(req.params.id!);
    if (!record || record.status !== 'loaded')
      throw new HTTPNotFound(`Extension ${req.params.id} could not be found.`);
    return { extension: view(record) };
  }
}

/** The `extensions` API extension. */
@injectable()
export class ExtensionInfo extends APIExtensionBase {
  readonly name = 'Extensions';
  readonly alias = 'extensions';
  override readonly version = 1;
  override readonly description = 'Extension information.';

  constructor(
    @inject(tokens.EXTENSION_REGISTRY) private readonly registry: ExtensionRegistry,
    @inject(tokens.EXTENSION_HEALTH) private readonly health: ExtensionHealth
  ) {
    super();
  }

  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('extensions', new ExtensionInfoController(this.registry)),
      new ResourceExtension(
        'wharf/extensions',
        new WharfExtensionsController(this.registry, this.health)
      )
    ];
  }
}
