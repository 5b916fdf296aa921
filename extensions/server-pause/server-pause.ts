/**
 * `os-pause-server`: the `pause` and `unpause` server actions (202, empty body); a server
 * in the wrong state answers nova's 409.
 */
import { injectable, wsgi, type ApiRequest } from 'wharf';
import { ServerActionsController, ServerActionsExtension } from '../compute/index.js';

/** The pause and unpause actions. */
export class PauseServerController extends ServerActionsController {
  @wsgi.policy('os_compute_api:os-pause-server:pause')
  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('pause')
  pause(req: ApiRequest): Promise<void> {
    return this.perform(req, 'pause');
  }

  @wsgi.policy('os_compute_api:os-pause-server:unpause')
  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('unpause')
  unpause(req: ApiRequest): Promise<void> {
    return this.perform(req, 'unpause');
  }
}

/** The `os-pause-server` API extension. */
@injectable()
export class PauseServer extends ServerActionsExtension {
  readonly name = 'PauseServer';
  readonly alias = 'os-pause-server';
  override readonly version = 1;
  override readonly description = 'Enable pause/unpause server actions.';

  protected actions(): ServerActionsController {
    return new PauseServerController(this.services);
  }
}
