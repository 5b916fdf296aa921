/**
 * The shared shape of the server action extensions (start/stop, reboot, pause, suspend,
 * lock): an API extension that adds one controller of `@wsgi.action`s to `servers`, built
 * with the ComputeServices it was injected with.
 */
import { Controller, ControllerExtension, type ApiRequest } from 'wharf';
import type { PowerAction } from './compute-api.js';
import { ComputeExtension } from './compute-extension.js';
import type { ComputeServices } from './services.js';

/** A controller of server actions, with the services to run them. */
export abstract class ServerActionsController extends Controller {
  constructor(protected readonly services: ComputeServices) {
    super();
  }

  /** Runs a power action on the server of the URL after checking the declared rule on it. */
  protected perform(req: ApiRequest, action: PowerAction): Promise<void> {
    return this.services.performAction(req, action);
  }
}

/** An API extension adding one ServerActionsController to `servers`. */
export abstract class ServerActionsExtension extends ComputeExtension {
  /** The controller holding this extension's actions. */
  protected abstract actions(): ServerActionsController;

  override getControllerExtensions(): ControllerExtension[] {
    return [new ControllerExtension(this, 'servers', this.actions())];
  }
}
