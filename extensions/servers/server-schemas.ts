/**
 * The request schemas of the base `servers` resource at 2.1. The create schema is the base
 * that create hooks add their properties to (`key_name`, `availability_zone`, `metadata`,
 * `min_count`, ...); update and the base are nova's `base_update` and `base_create`.
 */

/**
 * nova's `parameter_types.name`: 1 to 255 characters, no leading or trailing whitespace, no
 * line breaks.
 */
export const NAME = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^\\S(?:.*\\S)?$'
} as const;

const ACCESS_IPS = {
  accessIPv4: { type: 'string', format: 'ipv4' },
  accessIPv6: { type: 'string', format: 'ipv6' }
} as const;

/** The create schema's shape: hooks add properties to `properties.server.properties`. */
export interface CreateSchema {
  type: 'object';
  properties: {
    server: {
      type: 'object';
      properties: Record<string, object>;
      required: string[];
      additionalProperties: false;
    };
  };
  required: string[];
  additionalProperties: false;
}

/** A fresh copy of the create schema before hooks add to it. */
export function baseCreateSchema(): CreateSchema {
  return {
    type: 'object',
    properties: {
      server: {
        type: 'object',
        properties: {
          name: NAME,
          // A UUID, or empty when booting from a volume (not supported: answered 400).
          imageRef: {
            oneOf: [
              { type: 'string', format: 'uuid' },
              { type: 'string', maxLength: 0 }
            ]
          },
          flavorRef: { type: ['string', 'integer'], minLength: 1 },
          adminPass: { type: 'string' },
          ...ACCESS_IPS,
          // Accepted as clients send them; every server gets an address on the fake network.
          networks: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                fixed_ip: { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] },
                port: { oneOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] },
                uuid: { type: 'string' }
              },
              additionalProperties: false
            }
          }
        },
        required: ['name', 'flavorRef'],
        additionalProperties: false
      }
    },
    required: ['server'],
    additionalProperties: false
  };
}

/** `PUT /servers/{id}`: rename, or change the access addresses. */
export const UPDATE_SCHEMA = {
  type: 'object',
  properties: {
    server: {
      type: 'object',
      properties: { name: NAME, ...ACCESS_IPS },
      additionalProperties: false
    }
  },
  required: ['server'],
  additionalProperties: false
} as const;
