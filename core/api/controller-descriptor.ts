/**
 * Reads everything the decorators recorded on a controller, once, at registration, and
 * returns plain data: bound methods, version ranges, response codes, declared errors and
 * compiled validators. The dispatcher works from this alone and never reflects per request.
 *
 * Inheritance: the prototype chain is walked, so a subclass has its bases' methods, actions
 * and extension methods. An override replaces the method that runs; for each kind of
 * declaration the nearest class that makes one wins, so an override keeps its base's
 * decorators unless it declares its own of the same kind.
 */
import type { MicroversionLike } from '../context.js';
import { InvalidDeclarationError, WharfError } from '../errors.js';
import { isController, type Controller } from './controller.js';
import { declaresOwn, methodDeclarations, type DeclarationReader } from './metadata.js';
import {
  ACTION,
  ADDS_FIELDS,
  API_VERSION,
  EXPECTED_ERRORS,
  EXTENDS,
  POLICY,
  QUERY_SCHEMA,
  RESPONSE,
  SCHEMA,
  type AddedFieldsDeclaration,
  VARIANT_OF,
  type DeclaredPolicy,
  type ExtensionDeclaration
} from './metadata-keys.js';
import {
  compileBodySchema,
  compileQuerySchema,
  type BodyValidator,
  type QueryValidator
} from './validation.js';
import {
  ANY_VERSION,
  rangeContains,
  rangesOverlap,
  rangeText,
  type VersionRange
} from './version-range.js';

export type { VersionRange } from './version-range.js';

/** One handler method with everything declared about it. */
export interface MethodSpec {
  /** The method's property name. */
  property: string;
  /** The method, bound to the controller instance. */
  invoke: (...args: any[]) => unknown;
  /** Versions in which the method exists (`@apiVersion`); open when undeclared. */
  range: VersionRange;
  /** Success codes by range (`@response`), in source order. */
  responseCodes: { code: number; range: VersionRange }[];
  /** Declared error statuses by range (`@expectedErrors`). */
  expectedErrors: { codes: number[]; range: VersionRange }[];
  /** Compiled body validators by range (`@schema`), in source order, with their schemas. */
  schemas: { validate: BodyValidator; range: VersionRange; schema: object | boolean }[];
  /** Compiled query validators by range (`@querySchema`), in source order, with their schemas. */
  querySchemas: { validate: QueryValidator; range: VersionRange; schema: object | boolean }[];
  /** The policy rule the method enforces and its sub-rules (`@policy`), or null. */
  policy: DeclaredPolicy | null;
}

/** A method marked `@extends`: what it extends and when it runs. */
export interface ExtensionMethodSpec extends MethodSpec {
  /** The controller method or action it extends. */
  target: ExtensionDeclaration['target'];
  /** Whether it runs before (`pre`) or after (`post`) its target. */
  phase: 'pre' | 'post';
  /** The response fields it declares it adds (`@addsFields`), by place. */
  addedFields: readonly AddedFieldsDeclaration[];
}

/** Everything a dispatcher needs to know about one controller instance. */
export interface ControllerDescriptor {
  /** The controller's class name, for messages and logs. */
  controllerName: string;
  /**
   * Dispatchable methods: the standard collection methods (index, show, create, update,
   * delete) and every other method carrying a method decorator (`@apiVersion`, `@response`,
   * `@expectedErrors`, `@schema`, `@querySchema`). Undecorated helpers are not routable.
   */
  methods: Map<string, MethodSpec>;
  /**
   * Every version of a method that has `@variant`s, by the method name they stand for: the
   * plain method (when there is one) and its variants, with ranges that do not overlap.
   */
  variants: Map<string, MethodSpec[]>;
  /** `@action` methods by action key. */
  actions: Map<string, MethodSpec>;
  /** `@extends` methods, base classes' first, in declaration order. */
  extensions: ExtensionMethodSpec[];
}

/**
 * Describes a controller instance. Throws InvalidDeclarationError when it is not a
 * Controller, when one method is both an action and an extension, when two methods of the
 * same class claim one action key (a subclass may take a key over from its base), or when a
 * schema does not compile.
 */
export function describeController(controller: Controller): ControllerDescriptor {
  if (!isController(controller)) {
    throw new InvalidDeclarationError(`${String(controller)} is not an instance of Controller`);
  }
  const chain = prototypeChain(controller);
  const prototype = chain[0]!;
  const controllerName = controller.constructor.name;
  const descriptor: ControllerDescriptor = {
    controllerName,
    methods: new Map(),
    actions: new Map(),
    variants: new Map(),
    extensions: []
  };
  const actionClaims = new Map<string, { property: string; depth: number }>();

  for (const [property, method] of methodsOf(chain)) {
    const where = `${controllerName}.${property}`;
    const read = methodDeclarations(prototype, property);
    const actionName = read(ACTION);
    const extension = read(EXTENDS);
    const variantOf = read(VARIANT_OF);
    const kinds = [actionName, extension, variantOf].filter((kind) => kind !== undefined);
    if (kinds.length > 1) {
      throw new InvalidDeclarationError(
        `${where}: a method can be only one of @action, @extends and @variant`
      );
    }
    const spec = describeMethod(read, property, method.bind(controller), where);
    const addedFields = read(ADDS_FIELDS) ?? [];
    if (addedFields.length > 0 && extension?.phase !== 'post') {
      throw new InvalidDeclarationError(
        `${where}: @addsFields belongs on a post-processing @extends method`
      );
    }
    if (variantOf !== undefined) {
      descriptor.variants.set(variantOf, [...(descriptor.variants.get(variantOf) ?? []), spec]);
    } else if (actionName !== undefined) {
      const depth = chain.findIndex((level) => declaresOwn(ACTION, level, property));
      const claim = actionClaims.get(actionName);
      if (claim !== undefined && claim.depth === depth) {
        throw new InvalidDeclarationError(
          `${controllerName}: action '${actionName}' is declared by both ${claim.property}() and ${property}()`
        );
      }
      if (claim === undefined || depth < claim.depth) {
        actionClaims.set(actionName, { property, depth });
        descriptor.actions.set(actionName, spec);
      }
    } else if (extension !== undefined) {
      descriptor.extensions.push({
        ...spec,
        target: extension.target,
        phase: extension.phase,
        addedFields
      });
    } else if (isDispatchable(read, property)) {
      descriptor.methods.set(property, spec);
    }
  }
  for (const [name, variants] of descriptor.variants) {
    const base = descriptor.methods.get(name);
    const all = base === undefined ? variants : [base, ...variants];
    checkDisjoint(controllerName, name, all);
    descriptor.variants.set(name, all);
    descriptor.methods.delete(name);
  }
  return descriptor;
}

/** routes' standard collection methods, dispatchable without a decorator. */
const STANDARD_METHODS: ReadonlySet<string> = new Set([
  'index',
  'show',
  'create',
  'update',
  'delete'
]);

/** A standard method, or one that declares how it is dispatched (a private helper does not). */
function isDispatchable(read: DeclarationReader, property: string): boolean {
  return (
    STANDARD_METHODS.has(property) ||
    [
      read(API_VERSION),
      read(RESPONSE),
      read(EXPECTED_ERRORS),
      read(SCHEMA),
      read(QUERY_SCHEMA),
      read(POLICY)
    ].some((declared) => declared !== undefined)
  );
}

/** The versions of one method may not overlap: a request must pick exactly one. */
function checkDisjoint(
  controllerName: string,
  name: string,
  versions: readonly MethodSpec[]
): void {
  versions.forEach((spec, index) => {
    const clash = versions.slice(index + 1).find((other) => rangesOverlap(spec.range, other.range));
    if (clash) {
      throw new InvalidDeclarationError(
        `${controllerName}: ${spec.property}() (${rangeText(spec.range)}) and ${clash.property}() (${rangeText(clash.range)}) both serve ${name} in some microversion; give each an @apiVersion range of its own`
      );
    }
  });
}

/** True when the method exists at `version` (`@apiVersion`). */
export function isAvailable(spec: MethodSpec, version: MicroversionLike): boolean {
  return rangeContains(spec.range, version);
}

/** The success code declared for `version`, else `fallback`. */
export function responseCodeFor(
  spec: MethodSpec,
  version: MicroversionLike,
  fallback = 200
): number {
  return spec.responseCodes.find((entry) => rangeContains(entry.range, version))?.code ?? fallback;
}

/** The first validator (body or query) whose range holds `version`, or null. */
export function validatorFor<V>(
  entries: readonly { validate: V; range: VersionRange }[],
  version: MicroversionLike
): V | null {
  return entries.find((entry) => rangeContains(entry.range, version))?.validate ?? null;
}

/**
 * The error statuses declared for `version` (every matching `@expectedErrors`), or null when
 * the method declares none at all and so lets every HTTP error through.
 */
export function expectedErrorsFor(spec: MethodSpec, version: MicroversionLike): number[] | null {
  if (spec.expectedErrors.length === 0) return null;
  return spec.expectedErrors
    .filter((entry) => rangeContains(entry.range, version))
    .flatMap((entry) => entry.codes);
}

function describeMethod(
  read: DeclarationReader,
  property: string,
  invoke: (...args: any[]) => unknown,
  where: string
): MethodSpec {
  try {
    return {
      property,
      invoke,
      range: read(API_VERSION) ?? ANY_VERSION,
      responseCodes: [...(read(RESPONSE) ?? [])],
      expectedErrors: [...(read(EXPECTED_ERRORS) ?? [])],
      schemas: (read(SCHEMA) ?? []).map(({ schema, range }) => ({
        validate: compileBodySchema(schema),
        range,
        schema
      })),
      querySchemas: (read(QUERY_SCHEMA) ?? []).map(({ schema, range }) => ({
        validate: compileQuerySchema(schema),
        range,
        schema
      })),
      policy: read(POLICY) ?? null
    };
  } catch (error) {
    if (error instanceof WharfError)
      throw new InvalidDeclarationError(`${where}: ${error.message}`);
    throw error;
  }
}

/** The controller's prototypes, most derived first, up to (not including) Object.prototype. */
function prototypeChain(controller: object): object[] {
  const chain: object[] = [];
  for (
    let level = Object.getPrototypeOf(controller) as object | null;
    level !== null && level !== Object.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    chain.push(level);
  }
  return chain;
}

/** Every method name on the chain (base classes' first) with its most derived implementation. */
function methodsOf(chain: readonly object[]): Map<string, Function> {
  const methods = new Map<string, Function>();
  for (const level of [...chain].reverse()) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (name === 'constructor') continue;
      const value = Object.getOwnPropertyDescriptor(level, name)!.value as unknown;
      // A subclass may shadow a base method with an accessor; then it is no method at all.
      if (typeof value === 'function') methods.set(name, value);
      else methods.delete(name);
    }
  }
  return methods;
}
