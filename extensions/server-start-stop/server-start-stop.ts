/**
 * `os-server-start-stop`: the `os-start` and `os-stop` server actions (202, empty body).
 * A server whose state forbids the action answers nova's 409, e.g. "Cannot 'stop' instance
 * UUID while it is in vm_state stopped"; of two racing requests exactly one wins.
 */
import { injectable, wsgi, type ApiRequest } from 'wharf';
import { ServerActionsController, ServerActionsExtension } from '../compute/index.js';

/** The start and stop actions. */
export class ServerStartStopController extends ServerActionsController {
  @wsgi.policy('os_compute_api:servers:start')
  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('os-start')
  start(req: ApiRequest): Promise<void> {
    return this.perform(req, 'start');
  }

  @wsgi.policy('os_compute_api:servers:stop')
  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('os-stop')
  stop(req: ApiRequest): Promise<void> {
    return this.perform(req, 'stop');
  }
}

/** The `os-server-start-stop` API extension. */
@injectable()
export class ServerStartStop extends ServerActionsExtension {
  readonly name = 'ServerStartStop';
  readonly alias = 'os-server-start-stop';
  override readonly version = 1;
  override readonly description = 'Start/Stop instance compute API support.';

  protected actions(): ServerActionsController {
    return new ServerStartStopController(this.services);
  }
}
