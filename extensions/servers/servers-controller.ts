/**
 * The `servers` controller (nova's `ServersController` at 2.1): list (summary and detail,
 * filtered and paged), show, create (202 with `Location`, the schema assembled from the
 * create hooks), update (200) and delete (204). Compute errors answer as their own faults
 * (nova's); an administrator may show, update and delete any project's server.
 */
import { Controller, ResponseObject, wsgi, type ApiRequest, type RequestContext } from 'wharf';
import {
  assertBatchSize,
  requestSlice,
  type ComputeServices,
  type Server
} from '../compute/index.js';
import { generatePassword } from './admin-password.js';
import { bootRefs, bootTarget } from './boot-target.js';
import type { ServerCreateHooks, ServerCreateKwargs } from './create-hooks.js';
import { selfHref } from './links.js';
import { listOptions } from './list-options.js';
import { UPDATE_SCHEMA } from './server-schemas.js';
import { serverCreated, serverDetail, serverPage, serverUpdated } from './server-view.js';

const RULE = 'os_compute_api:servers';

type ServerDict = Readonly<Record<string, unknown>>;

/** The server's owners, as policy rules compare them. */
function ownerTarget(server: Server): Record<string, string> {
  return { project_id: server.projectId, user_id: server.userId };
}

function callerTarget(context: RequestContext): Record<string, string | null> {
  return { project_id: context.projectId, user_id: context.userId };
}

/** `name`, or `name-1` ... `name-N` when one request boots N > 1 servers (nova's template). */
function displayName(name: string, index: number, count: number): string {
  return count > 1 ? `${name}-${index + 1}` : name;
}

/** Serves `/servers`; the create hooks arrive once loaded. */
export class ServersController extends Controller {
  /** The create hooks once loaded: a create after that does not wait for them. */
  private loadedHooks: ServerCreateHooks | undefined;

  /**
   * @param createHooks the create hooks, loaded on its first call (the same promise after)
   */
  constructor(
    private readonly services: ComputeServices,
    private readonly createHooks: () => Promise<ServerCreateHooks>
  ) {
    super();
  }

  @wsgi.policy(`${RULE}:index`, 'get_all_tenants')
  @wsgi.expectedErrors([400, 403])
  index(req: ApiRequest): Promise<unknown> {
    return this.list(req, false);
  }

  @wsgi.policy(`${RULE}:detail`, 'get_all_tenants')
  @wsgi.expectedErrors([400, 403])
  detail(req: ApiRequest): Promise<unknown> {
    return this.list(req, true);
  }

  @wsgi.policy(`${RULE}:show`)
  @wsgi.expectedErrors(404)
  async show(req: ApiRequest): Promise<unknown> {
    const server = await this.find(req);
    return { server: serverDetail(req, server) };
  }

  @wsgi.policy(`${RULE}:create`)
  @wsgi.response(202)
  @wsgi.expectedErrors([400, 403, 409])
  async create(req: ApiRequest): Promise<ResponseObject> {
    const hooks = this.loadedHooks ?? (this.loadedHooks = await this.createHooks());
    hooks.validate(req.body, req.legacyV2);
    const server = (req.body as { server: ServerDict }).server;
    const applied = hooks.apply(server, req.context);
    const kwargs = applied instanceof Promise ? await applied : applied;
    this.services.policy.authorize(req, callerTarget(req.context));
    const booted = await this.boot(req.context, server, kwargs);
    const adminPass = typeof server.adminPass === 'string' ? server.adminPass : generatePassword();
    return new ResponseObject(
      { server: serverCreated(req, booted, adminPass) },
      { headers: { Location: selfHref(req, 'server', booted.id) } }
    );
  }

  @wsgi.policy(`${RULE}:update`)
  @wsgi.expectedErrors([400, 404])
  @wsgi.schema(UPDATE_SCHEMA)
  async update(req: ApiRequest): Promise<unknown> {
    const server = await this.find(req);
    const changes = (
      req.body as { server: { name?: string; accessIPv4?: string; accessIPv6?: string } }
    ).server;
    const { servers } = await this.services.backend();
    const updated = await servers.update(server.id, this.services.scope(req.context, true), {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.accessIPv4 !== undefined ? { accessIPv4: changes.accessIPv4 } : {}),
      ...(changes.accessIPv6 !== undefined ? { accessIPv6: changes.accessIPv6 } : {})
    });
    return { server: serverUpdated(req, updated) };
  }

  @wsgi.policy(`${RULE}:delete`)
  @wsgi.response(204)
  @wsgi.expectedErrors([404, 409])
  async delete(req: ApiRequest): Promise<void> {
    const server = await this.find(req);
    const { compute } = await this.services.backend();
    await compute.delete(server.id, this.services.scope(req.context, true));
  }

  /** The server of `req.params.id` (any project's for an administrator), after policy. */
  private async find(req: ApiRequest): Promise<Server> {
    const { servers } = await this.services.backend();
    const server = await servers.get(req.params.id!, this.services.scope(req.context, true));
    this.services.policy.authorize(req, ownerTarget(server));
    return server;
  }

  private async list(req: ApiRequest, detail: boolean): Promise<unknown> {
    this.services.policy.authorize(req, callerTarget(req.context));
    const options = listOptions(req.query);
    if (options.allTenants) {
      this.services.policy.authorize(req, callerTarget(req.context), 'get_all_tenants');
    }
    const { servers } = await this.services.backend();
    const scope = this.services.scope(req.context, options.allTenants);
    const page = await servers.list(scope, options.filters, requestSlice(req));
    return await serverPage(req, page, { detail, limit: options.filters.limit });
  }

  /**
   * Boots `max_count` servers in one transaction that first checks their flavor and image,
   * then the quota (nothing is written when either refuses); returns the first.
   */
  private async boot(
    context: RequestContext,
    server: ServerDict,
    kwargs: ServerCreateKwargs
  ): Promise<Server> {
    const backend = await this.services.backend();
    const { minCount = 1, maxCount = 1, ...fields } = kwargs;
    // Before anything is built: a huge max_count must not even become an array.
    assertBatchSize(maxCount, backend.quotas.maxServersPerRequest);
    const refs = bootRefs(server);
    const scope = this.services.scope(context);
    const inputs = Array.from({ length: maxCount }, (_, index) => ({
      ...fields,
      name: displayName(server.name as string, index, maxCount),
      projectId: scope.projectId,
      userId: scope.userId,
      imageRef: refs.imageId,
      flavorId: refs.flavorId,
      ...(typeof server.accessIPv4 === 'string' ? { accessIPv4: server.accessIPv4 } : {}),
      ...(typeof server.accessIPv6 === 'string' ? { accessIPv6: server.accessIPv6 } : {})
    }));
    const metadataItems = Object.keys(fields.metadata ?? {}).length;
    return backend.compute.bootMany(inputs, scope, function* () {
      const { flavor } = yield* bootTarget(backend, refs);
      yield* backend.quotas.checkServerCreate(scope.projectId, {
        flavor,
        minCount,
        maxCount,
        metadataItems
      });
    });
  }
}
