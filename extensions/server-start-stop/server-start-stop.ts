/**
 * `os-server-start-stop`: the `os-start` and `os-stop` server actions (202, empty body).
 * A server whose state forbids the action answers nova's 409, e.g. "Cannot 'stop' instance
 * UUID while it is in vm_state stopped"; of two racing requests exactly one wins.
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

/** The start and stop actions. */
export class ServerStartStopController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('os-start')
  start(req: ApiRequest): Promise<void> {
    return this.perform(req, 'start');
  }

  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('os-stop')
  stop(req: ApiRequest): Promise<void> {
    return this.perform(req, 'stop');
  }

  /** Runs the action after checking its policy rule on the server. */
  private perform(req: ApiRequest, action: 'start' | 'stop'): Promise<void> {
    return this.services.performAction(
      req.context,
      req.params.id!,
      action,
      `os_compute_api:servers:${action}`
    );
  }
}

/** The `os-server-start-stop` API extension. */
@injectable()
export class ServerStartStop extends APIExtensionBase {
  readonly name = 'ServerStartStop';
  readonly alias = 'os-server-start-stop';
  override readonly version = 1;
  override readonly description = 'Start/Stop instance compute API support.';

  constructor(@inject(ComputeServices) private readonly services: ComputeServices) {
    super();
  }

  override getControllerExtensions(): ControllerExtension[] {
    return [new ControllerExtension(this, 'servers', new ServerStartStopController(this.services))];
  }
}
