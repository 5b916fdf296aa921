/**
 * nova's request schemas for `POST /os-keypairs`: at 2.1 a name and an optional public key;
 * from 2.2 also the key `type`. A name is 1 to 255 printable characters that neither start
 * nor end with whitespace (nova's `parameter_types.name`); which characters a keypair name
 * may hold beyond that is checked after policy, as nova's keypair API does.
 */

/** nova's `valid_name_regex`: printable, no leading or trailing whitespace. */
const NAME = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^(?!\\p{Zs})[^\\p{C}\\p{Zl}\\p{Zp}]*(?<!\\p{Zs})$'
} as const;

function createSchema(keypair: Record<string, object>): object {
  return {
    type: 'object',
    properties: {
      keypair: {
        type: 'object',
        properties: keypair,
        required: ['name'],
        additionalProperties: false
      }
    },
    required: ['keypair'],
    additionalProperties: false
  };
}

/** `keypairs.create`: microversion 2.1. */
export const CREATE_KEYPAIR_V21 = createSchema({
  name: NAME,
  public_key: { type: 'string' }
});

/** `keypairs.create_v22`: from microversion 2.2, with `type`. */
export const CREATE_KEYPAIR_V22 = createSchema({
  name: NAME,
  type: { type: 'string', enum: ['ssh', 'x509'] },
  public_key: { type: 'string' }
});
