/**
 * The base class of every API controller (nova's `wsgi.Controller`). It carries no
 * behaviour: a controller is a plain class whose methods handle requests, each receiving one
 * `ApiRequest`. Standard methods are named after what they serve (`index`, `detail`, `show`,
 * `create`, `update`, `delete`); `@wsgi.action` methods handle `POST .../action`;
 * `@wsgi.extends` methods extend another controller's method or action. The remaining
 * decorators (`response`, `expectedErrors`, `apiVersion`, `schema`, `querySchema`) describe
 * any of those, and `describeController` reads them all once at registration.
 *
 * ```ts
 * class Servers extends Controller {
 *   @wsgi.expectedErrors(404)
 *   show(req: ApiRequest) { ... }
 *
 *   @wsgi.response(202)
 *   @wsgi.action('os-start')
 *   start(req: ApiRequest) { ... }
 * }
 * ```
 */
import { applyBrand, hasBrand } from '../brand.js';
import { CONTROLLER_BRAND } from './metadata-keys.js';

/** Base class of API controllers; recognised by brand, so copies of wharf agree. */
export abstract class Controller {
  /** Always true; the brand `isController` checks. */
  declare readonly [CONTROLLER_BRAND]: true;
}

applyBrand(Controller, CONTROLLER_BRAND);

/** True for an instance of `Controller` from this or any other copy of wharf. */
export function isController(value: unknown): value is Controller {
  return typeof value === 'object' && hasBrand(value, CONTROLLER_BRAND);
}

/** True for a class that extends `Controller` (from any copy of wharf), before instantiation. */
export function isControllerClass(
  value: unknown
): value is abstract new (...args: any[]) => Controller {
  return typeof value === 'function' && isController(value.prototype);
}
