/**
 * Reading a filter's options, each declared once. A filter names the specs of every option
 * it reads (`FilterOptions.of(filter, context, specs)`): the wharf.conf options of its group
 * (`CORS_OPTIONS.specs`, `RATELIMIT_OPTIONS.pick(...)`) and any option only its paste section
 * sets (a spec without `section`). Type, bounds, choices and default come from the spec, so
 * the value a filter reads is the one wharf.conf, `wharf config list` and
 * docs/configuration.md describe, with or without a loaded configuration; reading an option
 * the list does not declare throws an UndeclaredOptionError (`WHARF_OPTION_UNDECLARED`).
 *
 * Where a value comes from, first found wins: the filter's paste section (`localConf`), then
 * the option of its spec's wharf.conf section (the container's `CONFIG`, e.g. `[cors]
 * max_age`), then the spec's default. A missing or empty value yields the default, except
 * for lists, where an explicitly empty value means "none". A bad value stops the host with
 * a ConfigError that names the filter and the option.
 */
import { ConfigError, UndeclaredOptionError } from '../errors.js';
import type { OptionValue } from '../option-group.js';
import type { OptionSpec } from '../option-spec.js';
import { parseValue } from '../option-value.js';
import type { FactoryContext } from '../pipeline/types.js';
import { CONFIG } from '../tokens.js';

/**
 * An option a filter reads: a wharf.conf option (an OptionSpec: its `section` backs the
 * paste value), or one only the filter's paste section sets (no `section`). Only such a
 * paste-only option may leave out `default`, when its default is another option's value
 * (`defaultText` says which); it then reads as `undefined` when unset.
 */
export type FilterOptionSpec = Omit<OptionSpec, 'section' | 'default'> & {
  /** The wharf.conf section behind the paste value; absent for a paste-only option. */
  readonly section?: string;
  /** The value when no source sets it. */
  readonly default?: OptionSpec['default'];
};

/** The value `get` yields for spec `O`: `undefined` too when it declares no default. */
export type FilterOptionValue<O> =
  OptionValue<O> | (O extends { default: OptionSpec['default'] } ? never : undefined);

type Loaded = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

/** The typed options of one filter, read from its paste section, wharf.conf and its specs. */
export class FilterOptions<
  const T extends readonly FilterOptionSpec[] = readonly FilterOptionSpec[]
> {
  private readonly specs: ReadonlyMap<string, FilterOptionSpec>;

  /**
   * @param specs every option the filter reads
   * @param conf the factory's `localConf`
   * @param config the loaded wharf.conf (`CONFIG`), when there is one
   * @param baseDir where relative `path` values resolve (the paste file's folder)
   */
  constructor(
    /** The filter's entry-point name, used in error messages. */
    readonly filter: string,
    specs: T,
    private readonly conf: Readonly<Record<string, string>>,
    private readonly config: object = {},
    private readonly baseDir = process.cwd()
  ) {
    this.specs = new Map(specs.map((spec) => [spec.name, spec]));
  }

  /** The options `specs` of `filter`, from its factory context. */
  static of<const T extends readonly FilterOptionSpec[]>(
    filter: string,
    context: FactoryContext,
    specs: T
  ): FilterOptions<T> {
    const { container, localConf, globalConf } = context;
    const config = container.isRegistered(CONFIG, true) ? container.resolve<object>(CONFIG) : {};
    return new FilterOptions(filter, specs, localConf, config, globalConf.here);
  }

  /** The names of `specs`: the keys a filter's paste section may set (a factory's `options`). */
  static names(specs: readonly FilterOptionSpec[]): string[] {
    return specs.map((spec) => spec.name);
  }

  /** The value of option `name`, typed by its spec. */
  get<N extends T[number]['name']>(name: N): FilterOptionValue<Extract<T[number], { name: N }>> {
    const spec = this.specs.get(name);
    if (spec === undefined)
      throw new UndeclaredOptionError(`filter ${this.filter}`, name, [...this.specs.keys()]);
    const text = this.text(spec);
    if (text === undefined || (text === '' && spec.type !== 'list'))
      return spec.default as FilterOptionValue<Extract<T[number], { name: N }>>;
    const parsed = parseValue(spec, text, this.baseDir);
    if (!parsed.ok) return this.fail(name, text, parsed.problem);
    return parsed.value as FilterOptionValue<Extract<T[number], { name: N }>>;
  }

  /** Throws the ConfigError for a bad value of `name` (a secret value is not shown). */
  fail(name: string, value: string, problem: string): never {
    const shown = this.specs.get(name)?.secret ? '' : ` = "${value}"`;
    throw new ConfigError(`filter ${this.filter}: option ${name}${shown} is invalid: ${problem}`);
  }

  /** The text of `spec`'s option: its paste value, else its wharf.conf value, trimmed. */
  private text(spec: FilterOptionSpec): string | undefined {
    if (Object.hasOwn(this.conf, spec.name)) return this.conf[spec.name]?.trim();
    if (spec.section === undefined) return undefined;
    const value = (this.config as Loaded)[spec.section]?.[spec.name];
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) ? value.join(',') : String(value).trim();
  }
}
