/**
 * Every key under which the API layer records something about a class or method, declared
 * once together with the shape of what it holds. They are `Symbol.for` keys so that a drop-in
 * package carrying its own copy of wharf writes metadata the host's copy can read.
 */
import type { VersionRange } from './version-range.js';

/** A metadata key that remembers the type of its value. */
export type MetadataKey<T> = symbol & { readonly __value?: T };

function key<T>(name: string): MetadataKey<T> {
  return Symbol.for(`wharf.api.${name}`) as MetadataKey<T>;
}

/** What `@policy(rule, ...subRules)` records: the rule and the full names of its sub-rules. */
export interface DeclaredPolicy {
  /** The rule every call is checked against. */
  readonly rule: string;
  /** The rules checked in some cases only, named under the rule (`RULE:sub`), sorted. */
  readonly subRules: readonly string[];
}

/** What `@extends(...)` records: which controller method or action it extends, and when. */
export interface ExtensionDeclaration {
  /** The controller method, or the action key, it extends. */
  target: { kind: 'method'; name: string } | { kind: 'action'; name: string };
  /** Whether it runs before (`pre`) or after (`post`) its target. */
  phase: 'pre' | 'post';
}

/** What `@response(code, min, max)` records, once per application. */
export interface ResponseDeclaration {
  code: number;
  range: VersionRange;
}

/** What `@expectedErrors(codes, min, max)` records, once per application. */
export interface ExpectedErrorsDeclaration {
  codes: number[];
  range: VersionRange;
}

/** What `@schema` and `@querySchema` record, once per application. */
export interface SchemaDeclaration {
  schema: object | boolean;
  range: VersionRange;
}

/**
 * What `@addsFields(at, fields)` records: the fields a post-processor adds to the response,
 * with their JSON schemas. `at` names the top-level key holding the object they go into
 * (`server`); with `[]` (`servers[]`), every item of the array under that key.
 */
export interface AddedFieldsDeclaration {
  /** Top-level response key holding the object the fields go into (`server`, or `servers[]`). */
  at: string;
  /** Each added field's JSON schema, by field name. */
  fields: Readonly<Record<string, object | boolean>>;
}

/** Brand on `Controller.prototype`: recognises controllers across copies of wharf. */
export const CONTROLLER_BRAND = Symbol.for('wharf.api.controller');
/** Brand on `ResponseObject.prototype`. */
export const RESPONSE_OBJECT_BRAND = Symbol.for('wharf.api.response-object');

/** `@action(name)`: the action key a method handles. */
export const ACTION = key<string>('action');
/** `@extends(...)`: the target and phase of an extension method. */
export const EXTENDS = key<ExtensionDeclaration>('extends');
/** `@response(code, min, max)`: response codes by version range, in source order. */
export const RESPONSE = key<readonly ResponseDeclaration[]>('response');
/** `@expectedErrors(codes, min, max)`: declared error statuses by version range. */
export const EXPECTED_ERRORS = key<readonly ExpectedErrorsDeclaration[]>('expected-errors');
/** `@variant(name)`: the method this one is a versioned variant of. */
export const VARIANT_OF = key<string>('variant-of');
/** `@apiVersion(min, max)`: the version range in which a method exists. */
export const API_VERSION = key<VersionRange>('api-version');
/** `@schema(jsonSchema, min, max)`: body schemas by version range, in source order. */
export const SCHEMA = key<readonly SchemaDeclaration[]>('schema');
/** `@addsFields(at, fields)`: the response fields an extension method adds. */
export const ADDS_FIELDS = key<readonly AddedFieldsDeclaration[]>('adds-fields');
/** `@policy(rule, ...subRules)`: the policy rule a method enforces and its sub-rules. */
export const POLICY = key<DeclaredPolicy>('policy');
/** `@querySchema(jsonSchema, min, max)`: query-string schemas by version range. */
export const QUERY_SCHEMA = key<readonly SchemaDeclaration[]>('query-schema');
