/**
 * `@action(name)`: the method handles `POST .../action` whose body's single key is `name`
 * (nova's `@wsgi.action`), e.g. `@wsgi.action('os-start')` for `{"os-start": null}`.
 */
import { InvalidDeclarationError } from '../../errors.js';
import { declareOnce } from '../metadata.js';
import { ACTION } from '../metadata-keys.js';
import { methodTarget } from './method-target.js';

/** Marks a method as the handler of the action whose body key is `name`. */
export function action(name: string): MethodDecorator {
  return (target, key, descriptor) => {
    const { property, where } = methodTarget('action', target, key, descriptor);
    if (typeof name !== 'string' || name.length === 0) {
      throw new InvalidDeclarationError(`${where}: the action name must be a non-empty string`);
    }
    declareOnce(ACTION, target, property, name, where);
  };
}
