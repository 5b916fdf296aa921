/**
 * Prints JSON values the way Python does, because nova's validation messages are built from
 * Python's `repr()` and `str()` (`'abc' is not of type 'integer'`, `None is not one of
 * ['SOFT', 'HARD']`) and clients and their tests compare those strings.
 */

/**
 * How deep `pythonRepr` descends; deeper containers print as `[...]` and `{...}`, as Python
 * prints a container it is already inside. Bodies are refused beyond 64 levels before they
 * are parsed, but a value may come from elsewhere: the recursion stays bounded regardless.
 */
export const MAX_REPR_DEPTH = 64;

/** Python's `repr()` of a JSON value: `'text'`, `None`, `True`, `[1, 2]`, `{'a': 1}`. */
export function pythonRepr(value: unknown): string {
  return repr(value, 0);
}

function repr(value: unknown, depth: number): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return stringRepr(value);
  if (Array.isArray(value)) {
    if (depth >= MAX_REPR_DEPTH) return '[...]';
    return `[${value.map((item) => repr(item, depth + 1)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    if (depth >= MAX_REPR_DEPTH) return '{...}';
    const items = Object.entries(value).map(([k, v]) => `${stringRepr(k)}: ${repr(v, depth + 1)}`);
    return `{${items.join(', ')}}`;
  }
  return String(value);
}

/** Python's `str()` of a JSON value: strings bare, everything else as `repr()`. */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t'
};

// Python quotes with ' unless the text holds a ' and no ", and escapes the chosen quote.
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote) out += `\\${quote}`;
    else if (ESCAPES[char] !== undefined) out += ESCAPES[char];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}
