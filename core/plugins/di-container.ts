/**
 * tsyringe, behind the Reflect polyfill it requires: tsyringe throws at import when
 * `Reflect.getMetadata` is missing, so every module of core that needs a tsyringe value
 * (the root container, `inject`, `injectable`, `singleton`) takes it from here, whatever
 * module an importer happens to load first. Type-only imports of tsyringe are free.
 */
import 'reflect-metadata';

export { container, inject, injectable, singleton } from 'tsyringe';
