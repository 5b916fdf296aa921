/**
 * `[auth]`, declared beside the code that reads it: the `authtoken` filter (token-auth.ts) and `wharf token issue`. Registered as the
 * entry point `wharf.config.options: auth` (entry-points.json), the way a plugin
 * registers its options; read typed with `AUTH_OPTIONS.of(config).auth`.
 */
import { defineOptions } from '../option-group.js';

/** The options of `[auth]`. */
export const AUTH_OPTIONS = defineOptions('wharf', [
  {
    section: 'auth',
    name: 'token_secret',
    type: 'string',
    secret: true,
    default: '',
    help: 'Secret that signs and verifies tokens, the same on every host; the `authtoken` filter (auth strategy `token`) needs it.'
  },
  {
    section: 'auth',
    name: 'token_ttl',
    type: 'int',
    min: 1,
    default: 3600,
    help: 'Seconds a token stays valid.'
  }
]);
