/**
 * `@addsFields(at, fields)`: declares the fields a post-processing `@extends` method adds to
 * the response, with their JSON schemas, so the OpenAPI document shows them, `wharf check
 * --plan` records them, and start-up refuses two extensions adding the same field to one
 * response. `at` is the top-level key of the object the fields go into (`server`), or of an
 * array whose every item gets them (`servers[]`). Repeatable, one per place.
 *
 * ```ts
 * @wsgi.extends()
 * @wsgi.addsFields('server', { 'OS-EXT-AZ:availability_zone': { type: 'string' } })
 * show(req: ApiRequest, resp: ResponseObject) { ... }
 * ```
 */
import { InvalidDeclarationError } from '../../errors.js';
import { declareRepeatable } from '../metadata.js';
import { ADDS_FIELDS } from '../metadata-keys.js';
import { methodTarget } from './method-target.js';

const PLACE = /^[A-Za-z0-9_:.-]+(\[\])?$/;

/** Declares the response fields (name -> JSON schema) a method adds under `at`. */
export function addsFields(
  at: string,
  fields: Readonly<Record<string, object | boolean>>
): MethodDecorator {
  return (target, key, descriptor) => {
    const { property, where } = methodTarget('addsFields', target, key, descriptor);
    if (typeof at !== 'string' || !PLACE.test(at)) {
      throw new InvalidDeclarationError(
        `${where}: the place must be a response key, optionally followed by [] (got ${JSON.stringify(at)})`
      );
    }
    if (typeof fields !== 'object' || fields === null || Object.keys(fields).length === 0) {
      throw new InvalidDeclarationError(`${where}: fields must name at least one field`);
    }
    for (const [name, schema] of Object.entries(fields)) {
      if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null)) {
        throw new InvalidDeclarationError(
          `${where}: the schema of field "${name}" must be an object or a boolean`
        );
      }
    }
    declareRepeatable(ADDS_FIELDS, target, property, { at, fields: { ...fields } });
  };
}
