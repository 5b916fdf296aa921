/**
 * The server metadata controller (nova's `ServerMetadataController`), nested at
 * `/servers/{server_id}/metadata`: read all, merge (POST), replace (PUT), and one key at a
 * time. The server must be visible to the caller (an administrator sees every project's),
 * and, as nova's compute API checks, writes need it unlocked (or an administrator) and in
 * a vm_state that allows them. A write that would leave the server more items than its
 * project's metadata_items quota is refused (403) and rolled back.
 */
import { Controller, HTTPBadRequest, wsgi, type ApiRequest } from 'wharf';
import {
  InstanceInvalidState,
  InstanceLocked,
  VmState,
  type ComputeBackend,
  type ComputeServices,
  type Scope,
  type Server,
  type WorkGuard
} from '../compute/index.js';
import { META_ITEM_BODY, METADATA_BODY } from './metadata-schemas.js';

type Items = Record<string, string>;

/** nova's `update_instance_metadata` and `delete_instance_metadata` vm_states. */
const WRITABLE_STATES: readonly string[] = [
  VmState.ACTIVE,
  VmState.PAUSED,
  VmState.SUSPENDED,
  VmState.STOPPED
];

/** What every method works with once the server is found and policy passed. */
interface Target {
  backend: ComputeBackend;
  server: Server;
  scope: Scope;
}

/** Serves `/servers/{server_id}/metadata`. */
export class ServerMetadataController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.policy('os_compute_api:server-metadata:index')
  @wsgi.expectedErrors(404)
  async index(req: ApiRequest): Promise<unknown> {
    return this.on(req, async ({ backend, server, scope }) => ({
      metadata: await backend.metadata.getAll(server.id, scope)
    }));
  }

  /** POST: merges the items into the server's metadata. */
  @wsgi.policy('os_compute_api:server-metadata:create')
  @wsgi.expectedErrors([400, 403, 404, 409, 413])
  @wsgi.schema(METADATA_BODY)
  async create(req: ApiRequest): Promise<unknown> {
    const items = (req.body as { metadata: Items }).metadata;
    return this.on(req, async ({ backend, server, scope }) => {
      assertWritable(req, server, 'update metadata');
      return {
        metadata: await backend.metadata.merge(server.id, scope, items, quotaGuard(backend, server))
      };
    });
  }

  /** PUT on the collection: the items become the server's only metadata. */
  @wsgi.policy('os_compute_api:server-metadata:update_all')
  @wsgi.expectedErrors([400, 403, 404, 409, 413])
  @wsgi.schema(METADATA_BODY)
  async updateAll(req: ApiRequest): Promise<unknown> {
    const items = (req.body as { metadata: Items }).metadata;
    return this.on(req, async ({ backend, server, scope }) => {
      assertWritable(req, server, 'update metadata');
      return {
        metadata: await backend.metadata.replace(
          server.id,
          scope,
          items,
          quotaGuard(backend, server)
        )
      };
    });
  }

  @wsgi.policy('os_compute_api:server-metadata:show')
  @wsgi.expectedErrors(404)
  async show(req: ApiRequest): Promise<unknown> {
    const key = req.params.id!;
    return this.on(req, async ({ backend, server, scope }) => ({
      meta: { [key]: await backend.metadata.getItem(server.id, scope, key) }
    }));
  }

  /** PUT on one key: the body must hold exactly that key. */
  @wsgi.policy('os_compute_api:server-metadata:update')
  @wsgi.expectedErrors([400, 403, 404, 409, 413])
  @wsgi.schema(META_ITEM_BODY)
  async update(req: ApiRequest): Promise<unknown> {
    const key = req.params.id!;
    const meta = (req.body as { meta: Items }).meta;
    if (!Object.hasOwn(meta, key)) throw new HTTPBadRequest('Request body and URI mismatch');
    return this.on(req, async ({ backend, server, scope }) => {
      assertWritable(req, server, 'update metadata');
      await backend.metadata.setItem(
        server.id,
        scope,
        key,
        meta[key]!,
        quotaGuard(backend, server)
      );
      return { meta };
    });
  }

  @wsgi.policy('os_compute_api:server-metadata:delete')
  @wsgi.response(204)
  @wsgi.expectedErrors([404, 409])
  async delete(req: ApiRequest): Promise<void> {
    const key = req.params.id!;
    await this.on(req, async ({ backend, server, scope }) => {
      // nova answers 404 for a missing key before it looks at the lock or the state.
      await backend.metadata.getItem(server.id, scope, key);
      assertWritable(req, server, 'delete metadata');
      await backend.metadata.deleteItem(server.id, scope, key);
    });
  }

  /**
   * Finds the server (404 `Instance X could not be found.` unless visible), checks the rule
   * the method declares against its project, then runs `work`.
   */
  private async on<T>(req: ApiRequest, work: (target: Target) => Promise<T>): Promise<T> {
    const backend = await this.services.backend();
    // nova lets an administrator reach any project's server by id.
    const scope = this.services.scope(req.context, true);
    const server = await backend.servers.get(req.params.server_id!, scope);
    this.services.policy.authorize(req, { project_id: server.projectId, user_id: server.userId });
    return await work({ backend, server, scope });
  }
}

/** The metadata_items quota of the server's project, checked in the write's transaction. */
function quotaGuard(backend: ComputeBackend, server: Server): WorkGuard {
  return () => backend.quotas.checkMetadata(server.projectId, server.id);
}

/** nova's `check_instance_lock` and `check_instance_state` for metadata writes. */
function assertWritable(req: ApiRequest, server: Server, action: string): void {
  if (server.locked && !req.context.isAdmin) throw new InstanceLocked(server.id);
  if (!WRITABLE_STATES.includes(server.vmState)) {
    throw new InstanceInvalidState(action, server.id, 'vm_state', server.vmState);
  }
}
