/**
 * The shape of a wharf.conf option, declared once: section, name, type, default, help and
 * limits, as oslo.config's option declarations were for nova. Options come in groups (wharf's
 * own, and each plugin's: option-group.ts) held by the option registry; the loader validates
 * against it, and docs/configuration.md is generated from it (`npm run docs:config`).
 */
import type { OptionSpec } from '../option-spec.js';
import type { OptionRegistry } from './option-registry.js';

export type { OptionSpec, OptionType } from '../option-spec.js';

/** An option every enabled API has once, in `[wsgi]`, named `<api><suffix>`. */
export interface PerApiOptionSpec {
  readonly suffix: string;
  readonly type: 'string' | 'int';
  readonly min?: number;
  readonly max?: number;
  readonly defaultText: string;
  readonly help: string;
}

/** Per-API listen options, like nova's `osapi_compute_listen` and `osapi_compute_listen_port`. */
export const PER_API_OPTIONS = [
  {
    suffix: '_listen',
    type: 'string',
    defaultText: '`[wsgi] host`',
    help: 'Address this API listens on, e.g. `osapi_compute_listen = 127.0.0.1`.'
  },
  {
    suffix: '_listen_port',
    type: 'int',
    min: 0,
    max: 65535,
    defaultText: '`[wsgi] port`',
    help: 'Port of this API, e.g. `osapi_compute_listen_port = 8774`. Two APIs may not share an address.'
  }
] as const satisfies readonly PerApiOptionSpec[];

/** One option as docs (and `wharf` commands) show it. */
export interface OptionDescription {
  /** The group that declares it: `wharf`, or a plugin's name. */
  readonly group: string;
  readonly section: string;
  /** The option name; per-API options read `<api>_listen`. */
  readonly name: string;
  /** `string`, `path`, `int`, `int or auto`, `float`, `bool`, `list`, `list of paths`, `enum`. */
  readonly type: string;
  /** The default as text: lists comma-separated, `(empty)` for nothing. */
  readonly default: string;
  readonly help: string;
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/** Every option of the registry, in its order, followed by the per-API `[wsgi]` options. */
export function describeOptions(registry: OptionRegistry): OptionDescription[] {
  const table = registry.list().map(({ spec, group }) => ({
    group: group.name,
    section: spec.section,
    name: spec.name,
    type: typeText(spec),
    default: defaultText(spec),
    help: spec.help,
    ...(spec.choices ? { choices: spec.choices } : {}),
    ...(spec.min === undefined ? {} : { min: spec.min }),
    ...(spec.max === undefined ? {} : { max: spec.max })
  }));
  const perApi = (PER_API_OPTIONS as readonly PerApiOptionSpec[]).map((spec) => ({
    group: 'wharf',
    section: 'wsgi',
    name: `<api>${spec.suffix}`,
    type: spec.type,
    default: spec.defaultText,
    help: spec.help,
    ...(spec.min === undefined ? {} : { min: spec.min }),
    ...(spec.max === undefined ? {} : { max: spec.max })
  }));
  return [...table, ...perApi];
}

function typeText(spec: OptionSpec): string {
  if (spec.auto) return `${spec.type} or auto`;
  if (spec.items === 'path') return 'list of paths';
  return spec.type;
}

/** An option's default as text: lists comma-separated, `(empty)` for nothing, `(none)` for secrets. */
export function defaultText(spec: OptionSpec): string {
  if (spec.defaultText) return spec.defaultText;
  if (spec.secret) return '(none)';
  const text = Array.isArray(spec.default) ? spec.default.join(', ') : String(spec.default);
  return text === '' ? '(empty)' : text;
}
