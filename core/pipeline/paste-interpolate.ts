/**
 * `%(name)s` interpolation in paste files, as Python's configparser (BasicInterpolation)
 * does it for paste.deploy: `%(name)s` is the value of key `name` of the same section or of
 * `[DEFAULT]` (which holds `here`, the file's folder, and `__file__`, the file itself),
 * interpolated in turn; `%%` is a literal `%`; any other `%` is an error. Names are
 * case-sensitive, as paste keeps keys' case. References nest at most 10 deep, so a loop
 * (`a = %(b)s`, `b = %(a)s`) is an error rather than a hang.
 */

const MAX_DEPTH = 10;

/** What went wrong: the caller adds file, line and section. */
export class InterpolationProblem extends Error {}

/**
 * The value with every reference replaced. `own` are the section's raw values, `defaults`
 * the raw `[DEFAULT]` values; `own` wins.
 */
export function interpolate(
  value: string,
  own: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>>
): string {
  return expand(value, own, defaults, 1);
}

function expand(
  value: string,
  own: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>>,
  depth: number
): string {
  if (!value.includes('%')) return value;
  if (depth > MAX_DEPTH) {
    throw new InterpolationProblem(
      `nests %(name)s references more than ${MAX_DEPTH} deep (a reference loop?)`
    );
  }
  let out = '';
  let rest = value;
  for (let at = rest.indexOf('%'); at !== -1; at = rest.indexOf('%')) {
    out += rest.slice(0, at);
    const next = rest[at + 1];
    if (next === '%') {
      out += '%';
      rest = rest.slice(at + 2);
      continue;
    }
    const match = next === '(' ? /^%\(([^)]*)\)s/.exec(rest.slice(at)) : null;
    if (!match) {
      throw new InterpolationProblem(
        `has a "%" not followed by "%" or "(name)s" in "${value}" (write %% for a literal %)`
      );
    }
    const name = match[1]!;
    const raw = Object.hasOwn(own, name) ? own[name] : defaults[name];
    if (raw === undefined || !Object.hasOwn(Object.hasOwn(own, name) ? own : defaults, name)) {
      throw new InterpolationProblem(
        `refers to %(${name})s, which is neither a key of the section nor of [DEFAULT]`
      );
    }
    out += expand(raw, own, defaults, depth + 1);
    rest = rest.slice(at + match[0].length);
  }
  return out + rest;
}
