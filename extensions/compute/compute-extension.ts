/**
 * ComputeExtension: the base of the bundled compute API extensions, built with the
 * ComputeServices (database, driver, policy) injected. Subclasses are `@injectable()`; the
 * constructor's injection is inherited.
 */
import { APIExtensionBase, inject } from 'wharf';
import { ComputeServices } from './services.js';

/** An API extension with the compute services at hand. */
export abstract class ComputeExtension extends APIExtensionBase {
  constructor(@inject(ComputeServices) protected readonly services: ComputeServices) {
    super();
  }

  /** Opens, migrates and warms the compute database and reads the policy before the host listens. */
  override async prepare(): Promise<void> {
    await this.services.prepare();
  }
}
