/**
 * `os-pause-server`: the `pause` and `unpause` server actions (202, empty body); a server
 * in the wrong state answers nova's 409.
 */
import {
  APIExtensionBase,
  Controller,
  ControllerExtension,
  inject,
  injectable,
  wsgi,
  type ApiRequest
} from '../../core/index.js';
import { ComputeServices } from '../compute/index.js';

/** The pause and unpause actions. */
export class PauseServerController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('pause')
  pause(req: ApiRequest): Promise<void> {
    return this.perform(req, 'pause');
  }

  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('unpause')
  unpause(req: ApiRequest): Promise<void> {
    return this.perform(req, 'unpause');
  }

  /** Runs the action after checking its policy rule on the server. */
  private perform(req: ApiRequest, action: 'pause' | 'unpause'): Promise<void> {
    return this.services.performAction(
      req.context,
      req.params.id!,
      action,
      `os_compute_api:os-pause-server:${action}`
    );
  }
}

/** The `os-pause-server` API extension. */
@injectable()
export class PauseServer extends APIExtensionBase {
  readonly name = 'PauseServer';
  readonly alias = 'os-pause-server';
  override readonly version = 1;
  override readonly description = 'Enable pause/unpause server actions.';

  constructor(@inject(ComputeServices) private readonly services: ComputeServices) {
    super();
  }

  override getControllerExtensions(): ControllerExtension[] {
    return [new ControllerExtension(this, 'servers', new PauseServerController(this.services))];
  }
}
