/**
 * `keypairs` create hook: `key_name` names one of the caller's keypairs, whose public key the
 * server is booted with. An unknown name is nova's 400 "Invalid key_name provided.".
 */
import { HTTPBadRequest, inject, injectable, type RequestContext } from 'wharf';
import { ComputeServices, KeypairNotFound } from '../compute/index.js';
import { NAME } from './parameter-types.js';

/** Adds `key_name` to server create. */
@injectable()
export class KeypairsCreateHook {
  /** Off when the keypairs API extension is disabled, as in nova. */
  readonly alias = 'os-keypairs';

  constructor(@inject(ComputeServices) private readonly services: ComputeServices) {}

  /** `key_name`: a keypair name. */
  getServerCreateSchema(): Record<string, object> {
    return { key_name: NAME };
  }

  /**
   * Checks the caller owns the keypair and boots with it; answers at once (no promise) when
   * the request names none.
   */
  serverCreate(
    server: Readonly<Record<string, unknown>>,
    kwargs: { keyName?: string | null },
    context: RequestContext
  ): Promise<void> | undefined {
    if (typeof server.key_name !== 'string') return undefined;
    return this.useKeypair(server.key_name, kwargs, context);
  }

  private async useKeypair(
    keyName: string,
    kwargs: { keyName?: string | null },
    context: RequestContext
  ): Promise<void> {
    const { keypairs } = await this.services.backend();
    try {
      await keypairs.get(context.userId ?? '', keyName);
    } catch (error) {
      if (!(error instanceof KeypairNotFound)) throw error;
      throw new HTTPBadRequest('Invalid key_name provided.', { cause: error });
    }
    kwargs.keyName = keyName;
  }
}
