/**
 * `[sizelimit]`, declared beside the code that reads it: the `sizelimit` filter (sizelimit.ts). Registered as the
 * entry point `wharf.config.options: sizelimit` (entry-points.json), the way a plugin
 * registers its options; read typed with `SIZELIMIT_OPTIONS.of(config).sizelimit`.
 */
import { defineOptions } from '../option-group.js';

/** The options of `[sizelimit]`. */
export const SIZELIMIT_OPTIONS = defineOptions('wharf', [
  {
    section: 'sizelimit',
    name: 'max_request_body_size',
    type: 'int',
    min: 1,
    default: 114688,
    help: 'Largest request body, in bytes; larger gets 413.'
  }
]);
