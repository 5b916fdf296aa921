/**
 * The nesting limit of request bodies. A body is scanned once, in linear time and constant
 * space, before `JSON.parse` sees it (an already parsed one is walked without recursion): a caller who nests arrays 100 000 deep (200 KB of
 * brackets) is refused there, and nothing downstream (validation messages, views, extension
 * code walking the body) ever meets more depth than this. The scan counts `{` and `[` outside
 * strings; it does not check the grammar, which JSON.parse does next.
 */
import { BodyTooDeepError } from '../errors.js';

/**
 * The deepest nesting a body may have, objects and arrays counted alike (`{"a": [1]}` is 2).
 * nova's deepest bodies are about 5 levels; 64 is also .NET's default.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const OPEN_BRACE = 0x7b; // {
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACE = 0x7d; // }
const CLOSE_BRACKET = 0x5d; // ]

/** The 400 a body nested deeper than the limit gets (`WHARF_BODY_TOO_DEEP`). */
export function bodyTooDeep(maxDepth: number): BodyTooDeepError {
  return new BodyTooDeepError(
    `Malformed request body: JSON nested more than ${maxDepth} levels deep`
  );
}

/** Throws `bodyTooDeep` when the JSON text nests objects and arrays deeper than `maxDepth`. */
export function assertJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): void {
  // Each level takes at least one character: a short text cannot be too deep.
  if (text.length <= maxDepth) return;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) index += 1;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) {
      inString = true;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) throw bodyTooDeep(maxDepth);
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
}

/**
 * The same limit for a body something before wharf already parsed (an embedding app's body
 * parser): walked with an explicit stack, never recursion. A cyclic value fails it too.
 */
export function assertValueDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth === maxDepth) throw bodyTooDeep(maxDepth);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
}
