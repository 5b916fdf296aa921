/**
 * Registers the resolve hook that provides the host's `wharf` (`node --import` this module):
 * used by the child processes that import an extension module on its own, outside the host.
 */
import { register } from 'node:module';

register(new URL('./wharf-resolve-hook.js', import.meta.url));
