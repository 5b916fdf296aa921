/**
 * The one place that reads and writes `Reflect` metadata (as in tsyringe). Decorators record
 * through `declareOnce` / `declareRepeatable`; `describeController` reads through
 * `methodDeclarations` / `declaresOwn` once, at registration, and never per request.
 */
import '../plugins/reflect-polyfill.js';
import { InvalidDeclarationError } from '../errors.js';
import type { MetadataKey } from './metadata-keys.js';

/**
 * Records a single-valued declaration on a method. Declaring it twice on the same method of
 * the same class throws InvalidDeclarationError naming `where`.
 */
export function declareOnce<T>(
  key: MetadataKey<T>,
  target: object,
  property: string,
  value: T,
  where: string
): void {
  if (Reflect.hasOwnMetadata(key, target, property)) {
    throw new InvalidDeclarationError(`${where}: applied more than once to the same method`);
  }
  Reflect.defineMetadata(key, value, target, property);
}

/**
 * Adds one entry to a repeatable declaration on a method, keeping source order: decorators
 * run bottom-up, so each new entry goes first. An inherited list is never mutated.
 */
export function declareRepeatable<T>(
  key: MetadataKey<readonly T[]>,
  target: object,
  property: string,
  entry: T
): void {
  const own = (Reflect.getOwnMetadata(key, target, property) as readonly T[] | undefined) ?? [];
  Reflect.defineMetadata(key, [entry, ...own], target, property);
}

/** Reads one kind of declaration of one method (see `methodDeclarations`). */
export type DeclarationReader = <T>(key: MetadataKey<T>) => T | undefined;

const NOTHING_DECLARED: DeclarationReader = () => undefined;

/**
 * The declarations a method carries, each looked up from `prototype` towards its bases: the
 * nearest class that declares a kind wins, so an override keeps its base's declarations
 * unless it makes its own of the same kind. The method's metadata keys are listed once
 * first: a method nothing is declared on (an undecorated `show`, most methods) then answers
 * every kind without asking `Reflect` again, instead of one walk of the prototype chain per
 * kind.
 */
export function methodDeclarations(prototype: object, property: string): DeclarationReader {
  if (Reflect.getMetadataKeys(prototype, property).length === 0) return NOTHING_DECLARED;
  return <T>(key: MetadataKey<T>) => Reflect.getMetadata(key, prototype, property) as T | undefined;
}

/** True when `prototype` itself (not a base) declares this kind on the method. */
export function declaresOwn(
  key: MetadataKey<unknown>,
  prototype: object,
  property: string
): boolean {
  return Reflect.hasOwnMetadata(key, prototype, property);
}
