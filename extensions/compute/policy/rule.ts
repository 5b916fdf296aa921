/**
 * Policy rules in oslo.policy's language, parsed once: `@` (always), `!` (never),
 * `role:NAME`, `is_admin:True`, `rule:NAME`, `FIELD:%(target_field)s` or `FIELD:literal`
 * comparing a caller attribute (`project_id`, `user_id`) with the target, combined with
 * `and`, `or`, `not` and parentheses. An empty rule allows everyone, as in oslo.
 */

/** What a rule is checked against. */
export interface Credentials {
  projectId: string | null;
  userId: string | null;
  roles: readonly string[];
  isAdmin: boolean;
}

/** Evaluates a parsed rule; `lookup` resolves `rule:NAME` references. */
export type Check = (
  credentials: Credentials,
  target: Readonly<Record<string, string | null | undefined>>,
  lookup: (name: string) => Check
) => boolean;

const ALWAYS: Check = () => true;
const NEVER: Check = () => false;

/** Parses a rule; throws a SyntaxError naming the problem. */
export function parseRule(text: string): Check {
  // A check may hold a `%(field)s` reference, whose parentheses are not grouping ones.
  const tokens = text.match(/\(|\)|[^\s()]*%\(\w+\)s[^\s()]*|[^\s()]+/g) ?? [];
  if (tokens.length === 0) return ALWAYS;
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++]!;

  function orExpression(): Check {
    const parts = [andExpression()];
    while (peek() === 'or') {
      take();
      parts.push(andExpression());
    }
    return parts.length === 1 ? parts[0]! : (c, t, l) => parts.some((part) => part(c, t, l));
  }
  function andExpression(): Check {
    const parts = [unary()];
    while (peek() === 'and') {
      take();
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0]! : (c, t, l) => parts.every((part) => part(c, t, l));
  }
  function unary(): Check {
    if (peek() === 'not') {
      take();
      const inner = unary();
      return (c, t, l) => !inner(c, t, l);
    }
    if (peek() === '(') {
      take();
      const inner = orExpression();
      if (take() !== ')') throw new SyntaxError(`missing ")" in "${text}"`);
      return inner;
    }
    const token = take();
    if (token === undefined || token === ')') throw new SyntaxError(`unexpected end of "${text}"`);
    return atom(token);
  }
  const check = orExpression();
  if (position < tokens.length)
    throw new SyntaxError(`unexpected "${tokens[position]}" in "${text}"`);
  return check;
}

function atom(token: string): Check {
  if (token === '@') return ALWAYS;
  if (token === '!') return NEVER;
  const colon = token.indexOf(':');
  if (colon <= 0) throw new SyntaxError(`"${token}" is not a check (kind:value)`);
  const kind = token.slice(0, colon);
  const value = token.slice(colon + 1);
  if (kind === 'rule') return (c, t, lookup) => lookup(value)(c, t, lookup);
  if (kind === 'role')
    return (c) => c.roles.some((role) => role.toLowerCase() === value.toLowerCase());
  if (kind === 'is_admin') return (c) => c.isAdmin === (value.toLowerCase() === 'true');
  const attribute = kind === 'project_id' ? 'projectId' : kind === 'user_id' ? 'userId' : null;
  if (attribute === null) throw new SyntaxError(`unknown check "${kind}"`);
  const field = /^%\((\w+)\)s$/.exec(value)?.[1];
  return (c, t) => {
    // Only the target's own fields: `%(constructor)s` must not reach Object.prototype.
    const expected = field === undefined ? value : Object.hasOwn(t, field) ? t[field] : undefined;
    return expected !== undefined && expected !== null && c[attribute] === expected;
  };
}
