/**
 * ComputeExtension: the base of the bundled compute API extensions, built with the
 * ComputeServices (database, driver, policy) injected. Subclasses are `@injectable()`; the
 * constructor's injection is inherited.
 */
import { APIExtensionBase, inject, type PolicyDescription } from 'wharf';
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

  /** The rule as this deployment's policy has it (defaults plus `[policy] policy_file`). */
  override describePolicy(rule: string): PolicyDescription | undefined {
    return this.services.policy.describe(rule);
  }
}
