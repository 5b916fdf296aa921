/**
 * `os-lock-server`: the `lock` and `unlock` server actions (202, empty body). A locked
 * server refuses its owner's actions (409) until unlocked. Lifting a lock the other side
 * set (the owner's project, or an administrator from another project) needs the
 * `unlock_override` rule, administrators by default: otherwise 403.
 */
import { injectable, wsgi, type ApiRequest, type RequestContext } from 'wharf';
import { ServerActionsController, ServerActionsExtension, type Server } from '../compute/index.js';

const RULE = 'os_compute_api:os-lock-server';

/** nova's `is_expected_locked_by`: unlocked, or locked by the caller's side. */
function lockedByCallerSide(context: RequestContext, server: Server): boolean {
  const expected = server.projectId === context.projectId ? 'owner' : 'admin';
  return server.lockedBy === null || server.lockedBy === expected;
}

/** The lock and unlock actions. */
export class LockServerController extends ServerActionsController {
  @wsgi.policy(`${RULE}:lock`)
  @wsgi.response(202)
  @wsgi.expectedErrors(404)
  @wsgi.action('lock')
  lock(req: ApiRequest): Promise<void> {
    return this.services.withAuthorizedServer(req, async (server, { compute }, scope) => {
      await compute.lock(server.id, scope);
    });
  }

  @wsgi.policy(`${RULE}:unlock`, 'unlock_override')
  @wsgi.response(202)
  @wsgi.expectedErrors(404)
  @wsgi.action('unlock')
  async unlock(req: ApiRequest): Promise<void> {
    const { context } = req;
    this.services.policy.authorize(req, { project_id: context.projectId, user_id: context.userId });
    const { servers, compute } = await this.services.backend();
    const scope = this.services.scope(context, true);
    const server = await servers.get(req.params.id!, scope);
    if (!lockedByCallerSide(context, server)) {
      const owner = { project_id: server.projectId, user_id: server.userId };
      this.services.policy.authorize(req, owner, 'unlock_override');
    }
    await compute.unlock(server.id, scope);
  }
}

/** The `os-lock-server` API extension. */
@injectable()
export class LockServer extends ServerActionsExtension {
  readonly name = 'LockServer';
  readonly alias = 'os-lock-server';
  override readonly version = 1;
  override readonly description = 'Enable lock/unlock server actions.';

  protected actions(): ServerActionsController {
    return new LockServerController(this.services);
  }
}
