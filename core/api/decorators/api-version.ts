/**
 * `@apiVersion(min?, max?)`: the microversions in which a method exists (nova's
 * `@wsgi.Controller.api_version`). Outside the range the method answers 404 as if absent.
 * Once per method; a subclass override may declare its own range.
 */
import { declareOnce } from '../metadata.js';
import { API_VERSION } from '../metadata-keys.js';
import { parseVersionRange } from '../version-range.js';
import { methodTarget } from './method-target.js';

/** Makes a method available only for versions `min`..`max` (inclusive, each optional). */
export function apiVersion(min?: string, max?: string): MethodDecorator {
  return (target, key, descriptor) => {
    const { property, where } = methodTarget('apiVersion', target, key, descriptor);
    declareOnce(API_VERSION, target, property, parseVersionRange(where, min, max), where);
  };
}
