/**
 * The JSON line of the root logger's `json` format (winston's `json()`: safe-stable-stringify
 * of the whole record, keys sorted, no spaces) for a record of plain values, put together
 * without winston's format chain: `json()` configures a new stringifier on every line and
 * walks the record through its replacer. Same text, for the records it takes: every value a
 * string, a number, a boolean, null or undefined (undefined values are left out, as there).
 * Any other record is left to winston (null).
 */

/** Characters `JSON.stringify` escapes in a string: quote, backslash, controls, surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are the point
export const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON: quoted as it is unless it holds a character JSON escapes. */
export function jsonString(value: string): string {
  return JSON_ESCAPED.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** The order a record's keys are written in, and each key's JSON text with its colon. */
interface KeyPlan {
  /** The record's own keys, as `Object.keys` gave them. */
  keys: readonly string[];
  /** Those and `level`, `message`, `timestamp`, sorted. */
  order: readonly string[];
  /** `"key":` for each key of `order`. */
  prefixes: readonly string[];
}

/**
 * The plan of the last record written: a logger's lines mostly repeat one shape (the request
 * log's always), so the sort and the keys' escapes are worked out again only when the keys
 * differ from the last record's.
 */
let lastPlan: KeyPlan | null = null;

function planFor(keys: string[]): KeyPlan | null {
  if (lastPlan !== null && sameKeys(lastPlan.keys, keys)) return lastPlan;
  for (const key of keys) {
    if (key === 'level' || key === 'message' || key === 'timestamp') return null;
  }
  // Sorted by UTF-16 code units, as safe-stable-stringify sorts them.
  const order = [...keys, 'level', 'message', 'timestamp'].sort();
  lastPlan = { keys, order, prefixes: order.map((key) => `${jsonString(key)}:`) };
  return lastPlan;
}

function sameKeys(known: readonly string[], keys: readonly string[]): boolean {
  if (known.length !== keys.length) return false;
  for (let index = 0; index < keys.length; index++) {
    if (known[index] !== keys[index]) return false;
  }
  return true;
}

/**
 * `fields` with `level`, `message` and `timestamp` added, as winston's `json()` format writes
 * it; null when a value is not a plain one (an object, an array, a bigint, a function, a
 * symbol) or `fields` names one of the three itself. `timestamp` is an ISO time (it needs no
 * escape).
 */
export function jsonLogLine(
  fields: object,
  level: string,
  message: string,
  timestamp: string
): string | null {
  const record = fields as Record<string, unknown>;
  const plan = planFor(Object.keys(record));
  if (plan === null) return null;
  const { order, prefixes } = plan;
  let line = '{';
  for (let index = 0; index < order.length; index++) {
    const key = order[index]!;
    let text: string;
    if (key === 'timestamp') text = `"${timestamp}"`;
    else {
      const value = key === 'level' ? level : key === 'message' ? message : record[key];
      if (typeof value === 'string') text = jsonString(value);
      else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : 'null';
      else if (value === null) text = 'null';
      else if (typeof value === 'boolean') text = value ? 'true' : 'false';
      else if (value === undefined) continue;
      else return null;
    }
    line += line === '{' ? `${prefixes[index]}${text}` : `,${prefixes[index]}${text}`;
  }
  return `${line}}`;
}
