/**
 * A canonical JSON text of a value: object keys sorted at every depth, so two values that
 * are equal as JSON give the same text whatever order their keys were written in. Used to
 * recognise equal JSON schemas declared as different objects.
 */

/**
 * The canonical text of `value`, or undefined when it is not plain JSON data (only plain
 * objects, arrays, strings, finite numbers, booleans and null are), so that values JSON
 * would flatten alike (a RegExp and `{}`, say) are never taken for equal; also for a value
 * that contains itself.
 */
export function canonicalJson(value: unknown): string | undefined {
  const parts: string[] = [];
  return write(value, parts, new Set()) ? parts.join('') : undefined;
}

function write(value: unknown, parts: string[], open: Set<object>): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    parts.push(JSON.stringify(value));
    return true;
  }
  if (typeof value === 'number') {
    parts.push(JSON.stringify(value));
    return Number.isFinite(value);
  }
  if (typeof value !== 'object' || open.has(value)) return false;
  open.add(value);
  const written = Array.isArray(value)
    ? writeArray(value, parts, open)
    : isPlainObject(value) && writeObject(value as Record<string, unknown>, parts, open);
  open.delete(value);
  return written;
}

function writeArray(value: readonly unknown[], parts: string[], open: Set<object>): boolean {
  parts.push('[');
  for (let index = 0; index < value.length; index++) {
    if (index > 0) parts.push(',');
    if (!write(value[index], parts, open)) return false;
  }
  parts.push(']');
  return true;
}

function writeObject(value: Record<string, unknown>, parts: string[], open: Set<object>): boolean {
  parts.push('{');
  const keys = Object.keys(value).sort();
  for (let index = 0; index < keys.length; index++) {
    if (index > 0) parts.push(',');
    parts.push(JSON.stringify(keys[index]), ':');
    if (!write(value[keys[index]!], parts, open)) return false;
  }
  parts.push('}');
  return true;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
