/**
 * The check every method decorator makes first: it must sit on an instance method with a
 * string name, because only those become routes, actions or extension methods.
 */
import { InvalidDeclarationError } from '../../errors.js';

/** A decorated method, validated: its name and a label for error messages. */
export interface MethodTarget {
  /** The method's property name. */
  property: string;
  /** `@decorator on Class.method`, for messages. */
  where: string;
}

/**
 * Validates a decorator's target and names it. A static method, an accessor, a field or a
 * symbol-named method throws InvalidDeclarationError.
 */
export function methodTarget(
  decorator: string,
  target: object,
  property: string | symbol,
  descriptor: PropertyDescriptor | undefined
): MethodTarget {
  const owner = typeof target === 'function' ? target.name : target.constructor.name;
  const where = `@${decorator} on ${owner}.${String(property)}`;
  if (typeof target === 'function') {
    throw new InvalidDeclarationError(`${where}: only instance methods can be decorated`);
  }
  if (typeof property !== 'string') {
    throw new InvalidDeclarationError(`${where}: the method must have a string name`);
  }
  if (typeof descriptor?.value !== 'function') {
    throw new InvalidDeclarationError(`${where}: only methods can be decorated`);
  }
  return { property, where };
}
