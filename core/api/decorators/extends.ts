/**
 * `@extends(options?)`: the method extends a method or action of the resource it is attached
 * to (nova's `@wsgi.extends`). Exposed as `wsgi.extends`, since `extends` is a reserved word.
 *
 * - `@wsgi.extends()` extends the controller method with the same name (`show` extends `show`);
 * - `@wsgi.extends({ method: 'create' })` extends a named method;
 * - `@wsgi.extends({ action: 'resize' })` extends the action with that body key;
 * - `phase: 'pre'` runs before the main method (returning a ResponseObject short-circuits
 *   it); the default `'post'` runs after and may change or replace the response.
 */
import { InvalidDeclarationError } from '../../errors.js';
import { declareOnce } from '../metadata.js';
import { EXTENDS, type ExtensionDeclaration } from '../metadata-keys.js';
import { methodTarget } from './method-target.js';

/** What `@extends` extends and when. */
export interface ExtendsOptions {
  /** The action body key to extend; exclusive with `method`. */
  action?: string;
  /** The controller method to extend, when it is not the one with the same name. */
  method?: string;
  /** Before (`pre`) or after (`post`, the default) the main method. */
  phase?: 'pre' | 'post';
}

/** Marks a method as an extension of another controller's method or action. */
export function extendsMethod(options: ExtendsOptions = {}): MethodDecorator {
  return (target, key, descriptor) => {
    const { property, where } = methodTarget('extends', target, key, descriptor);
    const { action, method, phase = 'post' } = options;
    if (action !== undefined && method !== undefined) {
      throw new InvalidDeclarationError(`${where}: give either action or method, not both`);
    }
    for (const [option, value] of [
      ['action', action],
      ['method', method]
    ] as const) {
      if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
        throw new InvalidDeclarationError(`${where}: ${option} must be a non-empty string`);
      }
    }
    if (phase !== 'pre' && phase !== 'post') {
      throw new InvalidDeclarationError(`${where}: phase must be 'pre' or 'post'`);
    }
    const declaration: ExtensionDeclaration = {
      target:
        action !== undefined
          ? { kind: 'action', name: action }
          : { kind: 'method', name: method ?? property },
      phase
    };
    declareOnce(EXTENDS, target, property, declaration, where);
  };
}
