/**
 * tsyringe, required on first use behind the Reflect polyfill it needs (tsyringe throws at
 * load when `Reflect.getMetadata` is missing). Code that may never need dependency injection
 * (a manager whose plugins are plain classes, `wharf extensions list`) asks for it here, so
 * a process that builds nothing through the container never loads it (see "The command
 * line" in docs/performance.md). di-container.ts takes its values from here too, so there
 * is one tsyringe module in a process whichever path loads it first.
 *
 * It is loaded with `require`: importing it from ESM makes Node scan each of its
 * re-exporting modules for named exports, which costs twice the load itself.
 */
import { createRequire } from 'node:module';
import type * as Tsyringe from 'tsyringe';
import './reflect-polyfill.js';

const require = createRequire(import.meta.url);
let loaded: typeof Tsyringe | undefined;

/** The tsyringe module, loaded by the first call. */
export function tsyringe(): typeof Tsyringe {
  loaded ??= require('tsyringe') as typeof Tsyringe;
  return loaded;
}
