/**
 * `@variant('show')`: this method is a versioned variant of `show`, as nova declared several
 * `show` methods each under its own `@api_version`. JavaScript has one method per name, so
 * each variant has a name of its own (`showV219`) and says which method it stands for; the
 * request's microversion picks the variant whose `@apiVersion` range holds it. The ranges of
 * one method's variants (the plain `show` included) may not overlap. Once per method.
 */
import { declareOnce } from '../metadata.js';
import { VARIANT_OF } from '../metadata-keys.js';
import { methodTarget } from './method-target.js';

/** Makes a method a versioned variant of the controller method `name`. */
export function variant(name: string): MethodDecorator {
  return (target, key, descriptor) => {
    const { property, where } = methodTarget('variant', target, key, descriptor);
    declareOnce(VARIANT_OF, target, property, name, where);
  };
}
