/**
 * nova's request schemas for `POST /os-keypairs`: at 2.1 a name and an optional public key
 * (at most 16 KiB, wharf's bound); from 2.2 also the key `type`. A name is 1 to 255 printable characters that neither start
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

/**
 * wharf's bound on an imported key, where nova has none but the body size: a 16384-bit RSA
 * key in OpenSSH form is under 3 KB, a PEM certificate a few; 16 KiB leaves room for both.
 */
export const MAX_PUBLIC_KEY_LENGTH = 16384;

const PUBLIC_KEY = { type: 'string', maxLength: MAX_PUBLIC_KEY_LENGTH } as const;

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
  public_key: PUBLIC_KEY
});

/** `keypairs.create_v22`: from microversion 2.2, with `type`. */
export const CREATE_KEYPAIR_V22 = createSchema({
  name: NAME,
  type: { type: 'string', enum: ['ssh', 'x509'] },
  public_key: PUBLIC_KEY
});
