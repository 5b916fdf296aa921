/**
 * What a class's constructor asks the container for, decided before it is built, so that a
 * parameter never silently receives `undefined`:
 * - `static inject = [TOKEN, ...]` on the class: an explicit list, one token per parameter,
 *   for plain JavaScript and for TypeScript compiled without `emitDecoratorMetadata`;
 * - otherwise `@inject(TOKEN)` on a parameter, then the parameter's class type that
 *   `emitDecoratorMetadata` records (`design:paramtypes`);
 * - a class without a constructor of its own takes its parent's parameters.
 * The tokens are handed to tsyringe as its own metadata (`injectionTokens`, `@injectable`).
 */
import type { InjectionToken } from 'tsyringe';
import { tsyringe } from './tsyringe-module.js';
import { InjectionTokenMissingError } from '../errors/plugin-errors.js';

/** How a class wants to be built. */
export type ConstructorPlan =
  | { readonly kind: 'positional' }
  | { readonly kind: 'injected'; readonly tokens: readonly InjectionToken[] };

type Constructor = abstract new (...args: never[]) => unknown;

// tsyringe's metadata key for @inject's per-parameter tokens.
const INJECTION_TOKENS = 'injectionTokens';
const PARAM_TYPES = 'design:paramtypes';
const prepared = new WeakSet<Function>();

/**
 * The plan of `target`; throws InjectionTokenMissingError, naming `who`, the parameter and
 * the missing declaration, when a parameter would be undefined.
 */
export function constructorPlan(
  target: Constructor,
  who: string,
  positionalCount: number
): ConstructorPlan {
  const owner = constructorOwner(target);
  const declared = declaredTokens(owner);
  const names = parameterNames(owner);
  if (declared === null) {
    if (names.length > positionalCount) throw missing(target, who, names, positionalCount);
    return { kind: 'positional' };
  }
  const count = Math.max(names.length, declared.length);
  for (let index = 0; index < count; index += 1) {
    const token = declared[index];
    if (token === undefined || token === Object) throw missing(target, who, names, index);
  }
  const tokens = declared.slice(0, count) as InjectionToken[];
  if (!prepared.has(target)) {
    Reflect.defineMetadata(INJECTION_TOKENS, { ...tokens }, target);
    tsyringe().injectable()(target as unknown as new (...args: unknown[]) => unknown);
    prepared.add(target);
  }
  return { kind: 'injected', tokens };
}

/**
 * The class whose parameters count: the nearest one in the chain that declares a constructor
 * or tokens of its own (an implicit constructor hands its arguments to the parent's).
 */
function constructorOwner(target: Constructor): Constructor {
  let current: Constructor = target;
  while (!hasOwnConstructor(current) && declaredTokens(current) === null) {
    const parent = Object.getPrototypeOf(current) as unknown;
    if (typeof parent !== 'function' || parent === Function.prototype) break;
    current = parent as Constructor;
  }
  return current;
}

/** `static inject`, else @inject tokens over `design:paramtypes`; null when none is declared. */
function declaredTokens(owner: Constructor): readonly unknown[] | null {
  const explicit: unknown = Object.hasOwn(owner, 'inject')
    ? (owner as { inject?: unknown }).inject
    : undefined;
  if (Array.isArray(explicit)) return explicit;
  const types = Reflect.getOwnMetadata(PARAM_TYPES, owner) as unknown[] | undefined;
  const byIndex = Reflect.getOwnMetadata(INJECTION_TOKENS, owner) as
    Record<string, unknown> | undefined;
  if (types === undefined && byIndex === undefined) return null;
  const tokens = [...(types ?? [])];
  for (const [index, token] of Object.entries(byIndex ?? {})) tokens[Number(index)] = token;
  return tokens;
}

/** Where this class's own `constructor(` starts in its source, or -1 when it has none. */
function ownConstructorAt(target: Constructor): number {
  const source = Function.prototype.toString.call(target);
  const pattern = /\bconstructor\s*\(/g;
  for (let match = pattern.exec(source); match !== null; match = pattern.exec(source)) {
    // Only one at the class body's top level (brace depth 1) is this class's own.
    let depth = 0;
    for (let index = 0; index < match.index; index += 1) {
      if (source[index] === '{') depth += 1;
      else if (source[index] === '}') depth -= 1;
    }
    if (depth === 1) return match.index;
  }
  return -1;
}

function hasOwnConstructor(target: Constructor): boolean {
  return ownConstructorAt(target) !== -1;
}

/** The constructor's parameter names, as written (`#N` where it destructures). */
function parameterNames(owner: Constructor): string[] {
  const start = ownConstructorAt(owner);
  if (start === -1) return [];
  const source = Function.prototype.toString.call(owner);
  const open = source.indexOf('(', start);
  let depth = 0;
  let end = open;
  for (; end < source.length; end += 1) {
    if (source[end] === '(') depth += 1;
    else if (source[end] === ')' && --depth === 0) break;
  }
  const list = source.slice(open + 1, end).trim();
  if (list === '') return [];
  return splitTopLevel(list)
    .filter((parameter) => !/=|^\.\.\./.test(parameter))
    .map((parameter, index) => (/^[\w$]+$/.test(parameter) ? parameter : `#${index + 1}`));
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if ('([{'.includes(char)) depth += 1;
    else if (')]}'.includes(char)) depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

function missing(
  target: Constructor,
  who: string,
  names: readonly string[],
  index: number
): InjectionTokenMissingError {
  const name = names[index] ?? `#${index + 1}`;
  return new InjectionTokenMissingError(
    `${who}: parameter ${index + 1} ("${name}") of ${target.name}'s constructor would be undefined:` +
      ' no injection token is declared for it. Declare one with @inject(TOKEN) on the parameter,' +
      ' or `static inject = [TOKEN, ...]` on the class (plain JavaScript), or compile with' +
      ' "emitDecoratorMetadata": true so that its class type is the token.'
  );
}
