/**
 * The JSON of a request-log line's fields, written for their one shape: the same text as
 * `JSON.stringify`, without its generic walk. On Node 20 `JSON.stringify` of the nine
 * fields took the serializer's slow path (a property walk and a `toJSON` lookup per object)
 * and was about 8.8 k of the line's 28.6 k instructions (docs/performance.md, "The request
 * path, session 15").
 */
import { JSON_ESCAPED, jsonString } from '../json-log-line.js';
import { KeptRun } from '../kept-run.js';

/** The fields of one request-log line, in the order the line writes them. */
export interface RequestLineFields {
  method: string;
  path: string;
  status: number;
  length: number | null;
  timeMs: number;
  microversion: string | null;
  requestId: string;
  extension: string | null;
  remoteAddress: string | null;
}

/**
 * The last string of one field found to need no escape: the method, microversion, extension
 * and client address repeat from request to request, and on a busy resource the path, so a
 * value identical to it skips the test. One object per field, read by name (a field looked
 * up by a key that varies was a megamorphic property load, about 3 % of a request-log line
 * on Node 20).
 */
class PlainValue {
  last = '';

  /** Whether `value` needs no escape (remembered while it repeats). */
  holds(value: string): boolean {
    if (value === this.last) return true;
    if (JSON_ESCAPED.test(value)) return false;
    this.last = value;
    return true;
  }
}

const plainMethod = new PlainValue();
const plainPath = new PlainValue();
const plainMicroversion = new PlainValue();
const plainExtension = new PlainValue();
const plainRemoteAddress = new PlainValue();

/**
 * `JSON.stringify(fields)` for a record whose own keys are exactly those of
 * RequestLineFields, in that order (as the request log builds it). A value of another type
 * than declared (undefined, an object) takes `JSON.stringify` itself. When no string needs
 * an escape (the usual line), the quotes are part of the template's literal text, and the
 * text around the path, the time and the request id is joined as four repeated runs.
 */
export function requestLineJson(fields: RequestLineFields): string {
  const {
    method,
    path,
    status,
    length,
    timeMs,
    microversion,
    requestId,
    extension,
    remoteAddress
  } = fields;
  if (
    typeof method !== 'string' ||
    typeof path !== 'string' ||
    typeof status !== 'number' ||
    (length !== null && typeof length !== 'number') ||
    typeof timeMs !== 'number' ||
    (microversion !== null && typeof microversion !== 'string') ||
    typeof requestId !== 'string' ||
    (extension !== null && typeof extension !== 'string') ||
    (remoteAddress !== null && typeof remoteAddress !== 'string')
  )
    return JSON.stringify(fields);
  if (
    !plainMethod.holds(method) ||
    !plainPath.holds(path) ||
    JSON_ESCAPED.test(requestId) ||
    (microversion !== null && !plainMicroversion.holds(microversion)) ||
    (extension !== null && !plainExtension.holds(extension)) ||
    (remoteAddress !== null && !plainRemoteAddress.holds(remoteAddress))
  )
    return escapedLineJson(fields);
  return (
    `${headRun.of(method, null)}${path}${statusRun.of(status, length)}${milliseconds(timeMs)}` +
    `${middleRun.of(microversion, null)}${requestId}${tailRun.of(extension, remoteAddress)}`
  );
}

/** `{"method":"GET","path":"` for a plain method. */
const headRun = new KeptRun((method: string) => `{"method":"${method}","path":"`);

/** `","status":200,"length":58,"timeMs":` (the length may be `null`). */
const statusRun = new KeptRun(
  (status: number, length: number | null) =>
    `","status":${number(status)},"length":${length === null ? 'null' : number(length)},"timeMs":`
);

/** `,"microversion":"2.1","requestId":"` (or `null`) for a plain microversion. */
const middleRun = new KeptRun(
  (microversion: string | null) =>
    `,"microversion":${microversion === null ? 'null' : `"${microversion}"`},"requestId":"`
);

/** `","extension":"x","remoteAddress":"y"}` (either may be `null`) for plain values. */
const tailRun = new KeptRun(
  (extension: string | null, remoteAddress: string | null) =>
    `","extension":${extension === null ? 'null' : `"${extension}"`},` +
    `"remoteAddress":${remoteAddress === null ? 'null' : `"${remoteAddress}"`}}`
);

/** The JSON of fields of the declared types of which some string needs an escape. */
function escapedLineJson(line: RequestLineFields): string {
  return (
    `{"method":${jsonString(line.method)},"path":${jsonString(line.path)},"status":${number(line.status)},` +
    `"length":${line.length === null ? 'null' : number(line.length)},"timeMs":${number(line.timeMs)},` +
    `"microversion":${textOrNull(line.microversion)},"requestId":${jsonString(line.requestId)},` +
    `"extension":${textOrNull(line.extension)},"remoteAddress":${textOrNull(line.remoteAddress)}}`
  );
}

/** A string or null as JSON. */
function textOrNull(value: string | null): string {
  return value === null ? 'null' : jsonString(value);
}

/**
 * `.001` to `.999` with trailing zeros dropped (`.5`, `.25`), and '' for 0: the fraction
 * `String` writes for a whole number of thousandths.
 */
const THOUSANDTHS = Array.from({ length: 1000 }, (_, n) =>
  n === 0 ? '' : `.${String(n).padStart(3, '0')}`.replace(/0+$/, '')
);

/**
 * `number(value)` for the line's time, milliseconds rounded to microseconds: a whole number
 * of thousandths between 0 and 2^31 is written from its integer digits and a table, without
 * `String`'s shortest-digits search for a fraction (80-90 ns a number on Node 20 and 24).
 * The texts agree because a decimal of at most 15 significant digits is the shortest text of
 * the double nearest to it, and `k / 1000 === value` makes `value` that double.
 */
function milliseconds(value: number): string {
  const thousandths = Math.round(value * 1000);
  if (!(thousandths > 0 && thousandths < 2 ** 31 && thousandths / 1000 === value))
    return number(value);
  const whole = Math.floor(thousandths / 1000);
  return `${whole}${THOUSANDTHS[thousandths - whole * 1000]}`;
}

/** A number as JSON: its shortest text, `null` for NaN and the infinities. */
function number(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
