/**
 * Which microversion a request asked for, and the headers that say which one it got
 * (COMPUTE-CONTRACT.md, "Microversions"). Runs on every versioned request, so it allocates
 * little and compiles nothing per call.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ApiVersionNotSupportedError } from '../errors.js';
import { APIVersionRequest } from './api-version-request.js';

/** The versions a deployment serves, inclusive at both ends. */
export interface VersionBounds {
  min: APIVersionRequest;
  max: APIVersionRequest;
}

const SERVICE_TYPE = 'compute';
const STANDARD_HEADER = 'openstack-api-version';
const LEGACY_HEADER = 'x-openstack-nova-api-version';

/**
 * The version a request asked for: the last `compute` entry of `OpenStack-API-Version`
 * (entries for other services ignored), else the legacy `X-OpenStack-Nova-API-Version`, else
 * `range.min`; `latest` (exactly, lower case) means `range.max`. A malformed version throws
 * HTTPBadRequest (`WHARF_INVALID_API_VERSION`), one outside the range HTTPNotAcceptable
 * (`WHARF_API_VERSION_NOT_SUPPORTED`).
 */
export function resolveRequestedVersion(
  headers: IncomingHttpHeaders,
  range: VersionBounds
): APIVersionRequest {
  const requested =
    fromStandardHeader(headers[STANDARD_HEADER]) ?? fromLegacyHeader(headers[LEGACY_HEADER]);
  if (requested === null) return range.min;
  if (requested === 'latest') return range.max;
  const version = APIVersionRequest.parse(requested);
  if (!version.matches(range.min, range.max)) {
    throw new ApiVersionNotSupportedError(
      `Version ${version.toString()} is not supported by the API. Minimum is ${range.min.toString()} and maximum is ${range.max.toString()}.`
    );
  }
  return version;
}

/** The headers every versioned response carries, faults included. */
export function versionHeaders(version: APIVersionRequest): Record<string, string> {
  const text = version.toString();
  return {
    'OpenStack-API-Version': `${SERVICE_TYPE} ${text}`,
    'X-OpenStack-Nova-API-Version': text,
    Vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version'
  };
}

/** Repeated headers arrive joined by Node or as an array; both fold to one comma list. */
function folded(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** The version of the last `compute` entry, or null when there is none. */
function fromStandardHeader(raw: string | string[] | undefined): string | null {
  const value = folded(raw);
  if (value === undefined) return null;
  // Scanned in place from the end, without splitting: this runs on every versioned request.
  for (let end = value.length; ;) {
    const comma = end === 0 ? -1 : value.lastIndexOf(',', end - 1);
    const version = computeVersion(value, comma + 1, end);
    if (version !== null) return version;
    if (comma < 0) return null;
    end = comma;
  }
}

/**
 * The version of the entry `text[start, end)` when it reads `compute <version>` (service
 * name in any case); null for another service or an entry without a version, which
 * microversion-parse skips too.
 */
function computeVersion(text: string, start: number, end: number): string | null {
  let index = start;
  while (index < end && isBlank(text.charCodeAt(index))) index += 1;
  for (let offset = 0; offset < SERVICE_TYPE.length; offset += 1, index += 1) {
    // `| 0x20` folds ASCII upper case onto lower case; the service name is all letters.
    if (index >= end || (text.charCodeAt(index) | 0x20) !== SERVICE_TYPE.charCodeAt(offset)) {
      return null;
    }
  }
  if (index >= end || !isBlank(text.charCodeAt(index))) return null;
  const version = text.slice(index, end).trim();
  return version === '' ? null : version;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** The last comma entry of the legacy header (even an empty one, which then fails to parse). */
function fromLegacyHeader(raw: string | string[] | undefined): string | null {
  const value = folded(raw);
  if (value === undefined) return null;
  return value.slice(value.lastIndexOf(',') + 1).trim();
}
