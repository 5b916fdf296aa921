/**
 * What a controller method may return instead of a bare body (nova's `ResponseObject`): the
 * body plus a status and headers of its own. Post-extensions receive one whatever the main
 * method returned, and may change its body, code or headers.
 */
import { applyBrand, hasBrand } from '../brand.js';
import { RESPONSE_OBJECT_BRAND } from './metadata-keys.js';

/** Options of a ResponseObject. */
export interface ResponseObjectOptions {
  /** The status; omitted means the method's `@response` code for the version, else 200. */
  code?: number | null;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** A response body with an optional status and headers. */
export class ResponseObject {
  /** Always true; the brand `isResponseObject` checks. */
  declare readonly [RESPONSE_OBJECT_BRAND]: true;
  /** The body, serialised as JSON; undefined or null means an empty body. */
  obj: unknown;
  /** The status, or null to use the decorated/default code. */
  code: number | null;
  /** Extra response headers. */
  headers: Record<string, string>;

  constructor(obj: unknown, options: ResponseObjectOptions = {}) {
    this.obj = obj;
    this.code = options.code ?? null;
    this.headers = { ...options.headers };
  }
}

applyBrand(ResponseObject, RESPONSE_OBJECT_BRAND);

/** True for a ResponseObject from this or any other copy of wharf. */
export function isResponseObject(value: unknown): value is ResponseObject {
  return typeof value === 'object' && hasBrand(value, RESPONSE_OBJECT_BRAND);
}
