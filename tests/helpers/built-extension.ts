/** A built API extension for tests that assemble a router from extension objects directly. */
import { APIExtensionBase, Extension } from '../../core/index.js';

/**
 * An extension aliased `alias` (version 1), as a manager would hold it once built; `build`
 * gives the members it overrides (`getResources`, `getControllerExtensions`), from the instance.
 */
export function givenExtension(
  alias: string,
  build: (self: APIExtensionBase) => Partial<APIExtensionBase>
): Extension<APIExtensionBase> {
  class Made extends APIExtensionBase {
    readonly name = alias;
    readonly alias = alias;
    override readonly version = 1;
  }
  const made = new Made();
  Object.assign(made, build(made));
  return new Extension(alias, null, Made, made);
}
