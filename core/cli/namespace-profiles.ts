/**
 * How the host loads each namespace it knows: which plugins are instantiated and what type
 * check applies. Commands that load "everything" (`extensions list`, `check`) use these so
 * they report exactly what serving would do. An unknown namespace gets the default: class
 * plugins are built, function plugins (factories) are only checked to be callable.
 */
import type { ManagerOptions } from '../plugins/index.js';

/** Manager options for loading one namespace the way the host does. */
export function profileFor(_namespace: string): ManagerOptions {
  return { invokeOnLoad: 'classes' };
}
