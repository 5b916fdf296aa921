/**
 * One paste section as written, before `use = <section>` is followed (paste-config.ts):
 * its keys sorted into the factory (`use`, `paste.*_factory`), `set` / `get` overrides,
 * `filter-with`, `pipeline`, `next` and local options, every value interpolated
 * (paste-interpolate.ts). A key the section type does not take is an error with its line.
 */
import { PasteConfigError } from '../errors.js';
import type { IniSection } from './ini.js';
import { interpolate, InterpolationProblem } from './paste-interpolate.js';
import { pasteError, SECTION_KINDS, type GetOverride, type NameRef } from './paste-sections.js';
import type { FactoryKind, FactoryRef, LocalEntry } from './types.js';

const SYNONYMS: Readonly<Record<string, string>> = { application: 'app', composit: 'composite' };
const PROTOCOLS: Readonly<Record<string, FactoryKind>> = {
  'paste.app_factory': 'app',
  'paste.filter_factory': 'filter',
  'paste.composite_factory': 'composite',
  'paste.composit_factory': 'composite'
};
/** `scheme:rest`, as in `egg:Paste#urlmap`. */
export const SCHEME = /^([A-Za-z][\w+.-]*):(.*)$/;

/** A section as written, before `use = <section>` is followed. */
export interface Draft {
  readonly kind: (typeof SECTION_KINDS)[number];
  readonly name: string;
  readonly line: number;
  readonly file: string;
  readonly defaults: Record<string, string>;
  readonly sets: Record<string, string>;
  readonly gets: GetOverride[];
  readonly filterWith: NameRef[];
  readonly entries: LocalEntry[];
  use?: { value: string; line: number; protocol?: FactoryKind };
  next?: NameRef;
  pipeline?: { names: string[]; line: number };
}

/** Reads one INI section into a draft; `rawDefaults` and `defaults` are its file's. */
export function toDraft(
  ini: IniSection,
  file: string,
  rawDefaults: Record<string, string>,
  defaults: Record<string, string>
): Draft {
  const label = `[${ini.name}]`;
  const colon = ini.name.indexOf(':');
  const written = ini.name.slice(0, Math.max(colon, 0)).trim();
  const kind = (SYNONYMS[written] ?? written) as Draft['kind'];
  const name = ini.name.slice(colon + 1).trim();
  if (!(SECTION_KINDS as readonly string[]).includes(kind)) {
    const expected = SECTION_KINDS.map((known) => `[${known}:NAME]`).join(', ');
    throw pasteError(
      file,
      ini.line,
      label,
      `has an unknown section type; expected one of ${expected} or [DEFAULT]`
    );
  }
  if (name === '') throw pasteError(file, ini.line, label, 'has no name');
  const fail = (line: number, problem: string): PasteConfigError =>
    pasteError(file, line, label, problem);
  const own = Object.fromEntries(ini.entries.map((entry) => [entry.key, entry.value]));
  const draft: Draft = {
    kind,
    name,
    line: ini.line,
    file,
    defaults,
    sets: {},
    gets: [],
    filterWith: [],
    entries: []
  };
  for (const entry of ini.entries) {
    const value = expand(file, entry.line, label, entry.value, own, rawDefaults);
    const { key, line } = entry;
    const override = /^(set|get)\s+(\S.*)$/.exec(key);
    if (override) {
      const target = override[2]!.trim();
      if (override[1] === 'set') draft.sets[target] = value;
      else draft.gets.push({ local: target, global: value, line });
    } else if (key === 'filter-with') {
      draft.filterWith.push({ name: value, line, scope: file });
    } else if (key === 'use' || Object.hasOwn(PROTOCOLS, key)) {
      if (kind === 'pipeline')
        throw fail(line, `has unknown key "${key}"; a pipeline holds only "pipeline"`);
      if (draft.use)
        throw fail(
          line,
          `names its factory twice ("${key}" and the key at line ${draft.use.line})`
        );
      const protocol = PROTOCOLS[key];
      const expected = kind === 'filter-app' ? 'filter' : kind;
      if (protocol && protocol !== expected)
        throw fail(line, `uses "${key}" in a ${kind} section; expected paste.${expected}_factory`);
      if (value === '') throw fail(line, `has an empty "${key}"`);
      draft.use = { value, line, ...(protocol ? { protocol } : {}) };
    } else if (key === 'pipeline' && kind === 'pipeline') {
      const names = value.split(/\s+/).filter((item) => item !== '');
      if (names.length === 0) throw fail(line, `has an empty pipeline "${key}"`);
      draft.pipeline = { names, line };
    } else if (key === 'next' && kind === 'filter-app') {
      draft.next = { name: value, line, scope: file };
    } else if (kind === 'pipeline') {
      throw fail(line, `has unknown key "${key}"; a pipeline holds only "pipeline"`);
    } else if (Object.hasOwn(rawDefaults, key)) {
      throw fail(
        line,
        `sets "${key}", which is also a [DEFAULT] key: paste ignores a section's own value for a global key; write "set ${key} = ..." to override it`
      );
    } else {
      draft.entries.push({ key, value, line });
    }
  }
  return draft;
}

/** The factory a `use` or `paste.*_factory` value names. */
export function factoryRef(
  use: NonNullable<Draft['use']>,
  fail: (line: number, problem: string) => PasteConfigError
): FactoryRef {
  if (use.protocol) return pythonRef(use.value, use.line, fail);
  const scheme = SCHEME.exec(use.value);
  if (!scheme) return { scheme: 'entry', name: use.value };
  const rest = scheme[2]!;
  switch (scheme[1]!.toLowerCase()) {
    case 'egg': {
      const [dist, name = 'main'] = rest.split('#', 2) as [string, string?];
      if (dist === '' || name === '')
        throw fail(use.line, `has "${use.value}"; expected egg:DIST#NAME`);
      return { scheme: 'egg', dist, name };
    }
    case 'call':
      return pythonRef(rest, use.line, fail);
    default:
      throw fail(
        use.line,
        `has "use = ${use.value}": unknown scheme "${scheme[1]}"; expected egg:, call:, config: or a name`
      );
  }
}

function pythonRef(
  value: string,
  line: number,
  fail: (line: number, problem: string) => PasteConfigError
): FactoryRef {
  if (!/^[\w.]+:[\w.]+$/.test(value))
    throw fail(line, `names "${value}"; expected a Python name module.path:attribute`);
  return { scheme: 'python', name: value };
}

/** `value` interpolated; a problem is a PasteConfigError at `file:line`. */
export function expand(
  file: string,
  line: number,
  label: string,
  value: string,
  own: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>>
): string {
  try {
    return interpolate(value, own, defaults);
  } catch (error) {
    if (!(error instanceof InterpolationProblem)) throw error;
    throw pasteError(file, line, label, error.message);
  }
}
