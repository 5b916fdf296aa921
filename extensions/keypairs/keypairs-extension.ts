/**
 * `os-keypairs`: the API extension serving each user's SSH keypairs at `/os-keypairs`:
 * generated (RSA 2048, the private key returned once) or imported, listed, shown and deleted.
 */
import { APIExtensionBase, ResourceExtension, inject, injectable } from '../../core/index.js';
import { ComputeServices } from '../compute/index.js';
import { KeypairsController } from './keypairs-controller.js';

/** The `os-keypairs` API extension. */
@injectable()
export class Keypairs extends APIExtensionBase {
  readonly name = 'Keypairs';
  readonly alias = 'os-keypairs';
  override readonly version = 1;
  override readonly description = 'Keypair support: generate or import SSH keys per user.';

  constructor(@inject(ComputeServices) private readonly services: ComputeServices) {
    super();
  }

  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('os-keypairs', new KeypairsController(this.services), {
        memberName: 'keypair'
      })
    ];
  }
}
