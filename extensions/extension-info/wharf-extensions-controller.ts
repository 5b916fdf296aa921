/**
 * `GET /wharf/extensions` and `GET /wharf/extensions/{alias}`: wharf's own document about
 * the API extensions, for administrators. Beside what nova's `GET /extensions` shows, each
 * extension's status (`active`, `quarantined` or `disabled`), its faults within the
 * quarantine window and since start, when its quarantine ends, and what it contributes.
 * nova's document keeps nova's keys; this one carries wharf's.
 */
import {
  Controller,
  HTTPForbidden,
  HTTPNotFound,
  wsgi,
  type ApiRequest,
  type ExtensionHealth,
  type ExtensionRecord,
  type ExtensionRegistry
} from 'wharf';

function view(record: ExtensionRecord, health: ExtensionHealth): Record<string, unknown> {
  const state = health.view(record.alias);
  return {
    alias: record.alias,
    name: record.name,
    status: record.status === 'disabled' ? 'disabled' : state.status,
    faults: state.faults,
    faults_total: state.faultsTotal,
    quarantines: state.quarantines,
    quarantined_until: state.quarantinedUntil,
    last_fault: state.lastFault,
    entry_point: record.entryPoint,
    contributions: {
      resources: record.resources,
      actions: record.actions,
      extended_methods: record.extendedMethods
    }
  };
}

/** Refuses callers without the admin role, as nova's admin-only rules do. */
function requireAdmin(req: ApiRequest, rule: string): void {
  if (!req.context.isAdmin)
    throw new HTTPForbidden(`Policy doesn't allow ${rule} to be performed.`);
}

/** Serves the admin document of extension health and contributions. */
export class WharfExtensionsController extends Controller {
  constructor(
    private readonly registry: ExtensionRegistry,
    private readonly health: ExtensionHealth
  ) {
    super();
  }

  @wsgi.expectedErrors(403)
  index(req: ApiRequest): unknown {
    requireAdmin(req, 'wharf:extensions:index');
    const { threshold, windowMs, cooldownMs } = this.health.policy;
    return {
      quarantine: { threshold, window: windowMs / 1000, cooldown: cooldownMs / 1000 },
      extensions: this.registry.all().map((record) => view(record, this.health))
    };
  }

  @wsgi.expectedErrors([403, 404])
  show(req: ApiRequest): unknown {
    requireAdmin(req, 'wharf:extensions:show');
    const record = this.registry.get(req.params.id!);
    if (!record) throw new HTTPNotFound(`Extension ${req.params.id} could not be found.`);
    return { extension: view(record, this.health) };
  }
}
