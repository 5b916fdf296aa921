/**
 * Schema fragments the create hooks share: nova's `parameter_types` they use.
 */

/** nova's `parameter_types.name`: 1 to 255 characters, no surrounding whitespace. */
export const NAME = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^\\S(?:.*\\S)?$'
} as const;

/** nova's `parameter_types.positive_integer`: 1 or more, as a number or a string of digits. */
export const POSITIVE_INTEGER = {
  type: ['integer', 'string'],
  pattern: '^[1-9][0-9]*$',
  minimum: 1,
  minLength: 1
} as const;

/**
 * nova's `parameter_types.metadata`: up to 255-character string values under keys of
 * letters, digits, `-`, `_`, `:`, `.` and spaces.
 */
export const METADATA = {
  type: 'object',
  patternProperties: {
    '^[a-zA-Z0-9-_:. ]{1,255}$': { type: 'string', maxLength: 255 }
  },
  additionalProperties: false
} as const;
