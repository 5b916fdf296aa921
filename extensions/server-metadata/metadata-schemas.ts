/**
 * nova's request schemas for server metadata: `parameter_types.metadata` (keys of 1 to 255
 * letters, digits and `-_:. `, string values of at most 255 characters), under `metadata`
 * for create and replace, and under `meta` with exactly one item for one key's update.
 */

/** nova's `parameter_types.metadata`. */
const METADATA = {
  type: 'object',
  patternProperties: {
    '^[a-zA-Z0-9-_:. ]{1,255}$': { type: 'string', maxLength: 255 }
  },
  additionalProperties: false
} as const;

/** `server_metadata.create` and `server_metadata.update_all`. */
export const METADATA_BODY = {
  type: 'object',
  properties: { metadata: METADATA },
  required: ['metadata'],
  additionalProperties: false
} as const;

/** `server_metadata.update`: `{"meta": {KEY: VALUE}}`, one item. */
export const META_ITEM_BODY = {
  type: 'object',
  properties: { meta: { ...METADATA, minProperties: 1, maxProperties: 1 } },
  required: ['meta'],
  additionalProperties: false
} as const;
