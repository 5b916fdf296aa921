/**
 * `os-suspend-server`: the `suspend` and `resume` server actions (202, empty body); a server
 * in the wrong state answers nova's 409.
 */
import { injectable, wsgi, type ApiRequest } from 'wharf';
import { ServerActionsController, ServerActionsExtension } from '../compute/index.js';

/** The suspend and resume actions. */
export class SuspendServerController extends ServerActionsController {
  @wsgi.policy('os_compute_api:os-suspend-server:suspend')
  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('suspend')
  suspend(req: ApiRequest): Promise<void> {
    return this.perform(req, 'suspend');
  }

  @wsgi.policy('os_compute_api:os-suspend-server:resume')
  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('resume')
  resume(req: ApiRequest): Promise<void> {
    return this.perform(req, 'resume');
  }
}

/** The `os-suspend-server` API extension. */
@injectable()
export class SuspendServer extends ServerActionsExtension {
  readonly name = 'SuspendServer';
  readonly alias = 'os-suspend-server';
  override readonly version = 1;
  override readonly description = 'Enable suspend/resume server actions.';

  protected actions(): ServerActionsController {
    return new SuspendServerController(this.services);
  }
}
