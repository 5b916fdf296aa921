/**
 * tsyringe, behind the Reflect polyfill it requires: tsyringe throws at import when
 * `Reflect.getMetadata` is missing, so every module of core that needs a tsyringe value
 * (the root container, `inject`, `injectable`, `singleton`) takes it from here, whatever
 * module an importer happens to load first. Type-only imports of tsyringe are free.
 *
 * Importing this module loads tsyringe (tsyringe-module.ts): code that may not need it asks
 * tsyringe-module.ts when it does. An extension importing tsyringe gets the same module
 * instance, since Node's ESM loader shares the CommonJS cache.
 */
import type * as Tsyringe from 'tsyringe';
import { tsyringe as loadTsyringe } from './tsyringe-module.js';

const tsyringe = loadTsyringe();

/** tsyringe's root container: the parent of every host container. */
export const container: typeof Tsyringe.container = tsyringe.container;
/** tsyringe's `@inject(token)` parameter decorator. */
export const inject: typeof Tsyringe.inject = tsyringe.inject;
/** tsyringe's `@injectable()` class decorator. */
export const injectable: typeof Tsyringe.injectable = tsyringe.injectable;
/** tsyringe's `@singleton()` class decorator. */
export const singleton: typeof Tsyringe.singleton = tsyringe.singleton;
