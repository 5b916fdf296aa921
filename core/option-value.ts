/**
 * Turns the text of one option (from wharf.conf, the environment, a flag or a filter's paste
 * section) into its typed value, or says what is wrong with it. Booleans accept what oslo.config accepted; lists
 * are comma-separated (newlines from continuation lines count as commas).
 */
import { resolve } from 'node:path';
import type { OptionSpec } from './option-spec.js';

/** The part of an option spec that decides how its text is read. */
export type ValueRule = Pick<
  OptionSpec,
  'type' | 'choices' | 'min' | 'max' | 'auto' | 'items' | 'pattern' | 'patternHelp'
>;

/** A typed value, or the problem that prevented one. */
export type ParsedValue =
  | { readonly ok: true; readonly value: string | number | boolean | readonly string[] }
  | { readonly ok: false; readonly problem: string };

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Reads `text` by `rule`; relative paths resolve against `baseDir`. */
export function parseValue(rule: ValueRule, text: string, baseDir: string): ParsedValue {
  const ok = (value: string | number | boolean | readonly string[]): ParsedValue => ({
    ok: true,
    value
  });
  const bad = (problem: string): ParsedValue => ({ ok: false, problem });
  switch (rule.type) {
    case 'string':
      if (rule.pattern && !rule.pattern.test(text)) return bad(`expected ${rule.patternHelp}`);
      return ok(text);
    case 'path':
      return ok(text === '' ? '' : resolve(baseDir, text));
    case 'bool': {
      const word = text.toLowerCase();
      if (TRUE.has(word)) return ok(true);
      if (FALSE.has(word)) return ok(false);
      return bad('expected true or false (also yes/no, on/off, 1/0)');
    }
    case 'int':
      if (rule.auto && text === 'auto') return ok('auto');
      if (!INTEGER.test(text)) return bad(`expected an integer${rule.auto ? ' or auto' : ''}`);
      return bounded(rule, Number(text), ok, bad);
    case 'float':
      if (!DECIMAL.test(text)) return bad('expected a number');
      return bounded(rule, Number(text), ok, bad);
    case 'enum':
      if (!rule.choices!.includes(text)) return bad(`expected one of ${rule.choices!.join(', ')}`);
      return ok(text);
    case 'list': {
      const items = text
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
      return ok(rule.items === 'path' ? items.map((item) => resolve(baseDir, item)) : items);
    }
  }
}

function bounded(
  rule: ValueRule,
  value: number,
  ok: (value: number) => ParsedValue,
  bad: (problem: string) => ParsedValue
): ParsedValue {
  if (rule.min !== undefined && value < rule.min) return bad(`must be at least ${rule.min}`);
  if (rule.max !== undefined && value > rule.max) return bad(`must be at most ${rule.max}`);
  return ok(value);
}
