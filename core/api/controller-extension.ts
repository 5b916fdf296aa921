/**
 * ControllerExtension: a controller whose `@wsgi.action` and `@wsgi.extends` methods are
 * added to an existing resource (nova's `extensions.ControllerExtension`).
 */
import type { Controller } from './controller.js';
import type { APIExtensionBase } from './extension-base.js';

/** Adds a controller's actions and extension methods to the resource of `collection`. */
export class ControllerExtension {
  /**
   * @param extension the extension contributing it (usually `this`)
   * @param collection the collection it extends, e.g. `servers`
   * @param controller the controller holding the actions and extension methods
   */
  constructor(
    readonly extension: APIExtensionBase,
    readonly collection: string,
    readonly controller: Controller
  ) {}
}
