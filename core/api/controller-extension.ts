/**
 * ControllerExtension: a controller whose `@wsgi.action` and `@wsgi.extends` methods are
 * added to an existing resource (nova's `extensions.ControllerExtension`).
 */
import type { Controller } from './controller.js';
import type { APIExtensionBase } from './extension-base.js';

/** Adds a controller's actions and extension methods to the resource of `collection`. */
export class ControllerExtension {
  constructor(
    /** The extension contributing it (usually `this`). */
    readonly extension: APIExtensionBase,
    /** The collection it extends, e.g. `servers`. */
    readonly collection: string,
    /** The controller holding the actions and extension methods. */
    readonly controller: Controller
  ) {}
}
