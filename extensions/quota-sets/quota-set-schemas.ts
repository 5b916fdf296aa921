/**
 * nova's request schema of `PUT /os-quota-sets/{project_id}`: each resource an integer
 * from -1 (unlimited) to MAX_INT, as a number or a string of digits, and `force`; the
 * resources allowed follow the microversion as the documents do.
 */
import { MAX_QUOTA_LIMIT, QUOTA_RESOURCES } from '../compute/index.js';
import { INJECTED_FILE_RESOURCES, NETWORK_RESOURCES } from './quota-set-view.js';

/** nova's `_common_quota`. */
const LIMIT = {
  type: ['integer', 'string'],
  pattern: '^-?[0-9]+$',
  minimum: -1,
  maximum: MAX_QUOTA_LIMIT
} as const;

/** nova's `parameter_types.boolean`. */
const BOOLEAN = {
  type: ['boolean', 'string'],
  enum: [
    ...[true, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'y', 't'],
    ...[false, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f']
  ]
} as const;

/** The true strings of BOOLEAN. */
export const TRUE_VALUES: readonly unknown[] = BOOLEAN.enum.slice(0, 13);

function updateSchema(hidden: readonly string[]): object {
  const properties: Record<string, object> = { force: BOOLEAN };
  for (const resource of QUOTA_RESOURCES) {
    if (!hidden.includes(resource)) properties[resource] = LIMIT;
  }
  return {
    type: 'object',
    properties: {
      quota_set: { type: 'object', properties, additionalProperties: false }
    },
    required: ['quota_set'],
    additionalProperties: false
  };
}

/** `quota_sets.update`, 2.1 to 2.35. */
export const UPDATE_QUOTA_SET = updateSchema([]);
/** `quota_sets.update_v236`, 2.36 to 2.56. */
export const UPDATE_QUOTA_SET_V236 = updateSchema(NETWORK_RESOURCES);
/** `quota_sets.update_v257`, from 2.57. */
export const UPDATE_QUOTA_SET_V257 = updateSchema([
  ...NETWORK_RESOURCES,
  ...INJECTED_FILE_RESOURCES
]);
