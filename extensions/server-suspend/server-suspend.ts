/**
 * `os-suspend-server`: the `suspend` and `resume` server actions (202, empty body); a
 * server in the wrong state answers nova's 409.
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

/** The suspend and resume actions. */
export class SuspendServerController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('suspend')
  suspend(req: ApiRequest): Promise<void> {
    return this.perform(req, 'suspend');
  }

  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('resume')
  resume(req: ApiRequest): Promise<void> {
    return this.perform(req, 'resume');
  }

  /** Runs the action after checking its policy rule on the server. */
  private perform(req: ApiRequest, action: 'suspend' | 'resume'): Promise<void> {
    return this.services.performAction(
      req.context,
      req.params.id!,
      action,
      `os_compute_api:os-suspend-server:${action}`
    );
  }
}

/** The `os-suspend-server` API extension. */
@injectable()
export class SuspendServer extends APIExtensionBase {
  readonly name = 'SuspendServer';
  readonly alias = 'os-suspend-server';
  override readonly version = 1;
  override readonly description = 'Enable suspend/resume server actions.';

  constructor(@inject(ComputeServices) private readonly services: ComputeServices) {
    super();
  }

  override getControllerExtensions(): ControllerExtension[] {
    return [new ControllerExtension(this, 'servers', new SuspendServerController(this.services))];
  }
}
