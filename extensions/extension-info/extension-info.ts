/**
 * `extensions`: the API extension that lists the loaded API extensions at `GET /extensions`
 * and `GET /extensions/{alias}`, in nova's shape plus what wharf adds: each extension's
 * status and what it contributes (resources, actions, extended methods).
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
  type ExtensionRecord,
  type ExtensionRegistry
} from '../../core/index.js';

/** nova's placeholder namespace for v2.1 extensions. */
const NAMESPACE = 'http://docs.openstack.org/compute/ext/fake_xml';

function view(record: ExtensionRecord): Record<string, unknown> {
  return {
    alias: record.alias,
    name: record.name,
    description: record.description,
    updated: record.updated,
    links: [],
    namespace: NAMESPACE,
    status: record.status,
    resources: record.resources,
    actions: record.actions,
    extended_methods: record.extendedMethods
  };
}

/** Lists the registry. */
export class ExtensionInfoController extends Controller {
  constructor(private readonly registry: ExtensionRegistry) {
    super();
  }

  @wsgi.expectedErrors([])
  index(): unknown {
    return { extensions: this.registry.all().map(view) };
  }

  @wsgi.expectedErrors(404)
  show(req: ApiRequest): unknown {
    const record = this.registry.get(req.params.id!);
    if (!record) throw new HTTPNotFound(`Extension ${req.params.id} could not be found.`);
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

  constructor(@inject(tokens.EXTENSION_REGISTRY) private readonly registry: ExtensionRegistry) {
    super();
  }

  override getResources(): ResourceExtension[] {
    return [new ResourceExtension('extensions', new ExtensionInfoController(this.registry))];
  }
}
