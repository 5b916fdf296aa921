/**
 * `os-keypairs`: the API extension serving each user's SSH keypairs at `/os-keypairs`:
 * generated (RSA 2048, the private key returned once) or imported, listed, shown and deleted.
 */
import { ResourceExtension, injectable } from 'wharf';
import { ComputeExtension } from '../compute/index.js';
import { KeypairsController } from './keypairs-controller.js';

/** The `os-keypairs` API extension. */
@injectable()
export class Keypairs extends ComputeExtension {
  readonly name = 'Keypairs';
  readonly alias = 'os-keypairs';
  override readonly version = 1;
  override readonly description = 'Keypair support: generate or import SSH keys per user.';

  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('os-keypairs', new KeypairsController(this.services), {
        memberName: 'keypair',
        // Keypair names are the caller's: `my.json` is a name, not a format.
        formatted: false
      })
    ];
  }
}
