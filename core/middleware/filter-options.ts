/**
 * Reading a filter's options. Paste hands every value over as a string; a filter reads
 * each option once, at start-up, through one of these typed readers, and a bad value stops
 * the host with a ConfigError that names the filter and the option.
 *
 * Where an option comes from, first found wins: the filter's paste section (`localConf`),
 * then the same-named option of its wharf.conf section (the container's `CONFIG`, e.g.
 * `[cors] max_age`), then the filter's default.
 */
import { ConfigError } from '../errors.js';
import type { FactoryContext } from '../pipeline/types.js';
import { CONFIG } from '../tokens.js';

/** Bounds for an integer option. */
export interface IntegerBounds {
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);
const INTEGER = /^[+-]?\d+$/;

/**
 * The typed view of one filter's `localConf`. A missing or empty value yields the default,
 * except for lists, where an explicitly empty value means "none".
 */
export class FilterOptions {
  /**
   * @param conf the factory's `localConf`
   * @param hostSection typed values of the filter's wharf.conf section, read after `conf`
   */
  constructor(
    /** The filter's entry-point name, used in error messages. */
    readonly filter: string,
    private readonly conf: Readonly<Record<string, string>>,
    private readonly hostSection: Readonly<Record<string, unknown>> = {}
  ) {}

  /** The options of `filter`, with wharf.conf section `section` (if any) behind localConf. */
  static of(filter: string, context: FactoryContext, section?: string): FilterOptions {
    const { container, localConf } = context;
    if (section === undefined || !container.isRegistered(CONFIG, true))
      return new FilterOptions(filter, localConf);
    const config = container.resolve<Readonly<Record<string, unknown>>>(CONFIG);
    const hostSection = config[section];
    return new FilterOptions(
      filter,
      localConf,
      typeof hostSection === 'object' && hostSection !== null
        ? (hostSection as Record<string, unknown>)
        : {}
    );
  }

  /** A string option, trimmed. */
  string(name: string, fallback: string): string {
    const value = this.raw(name);
    return value === undefined || value === '' ? fallback : value;
  }

  /** An integer option within bounds. */
  integer(name: string, fallback: number, bounds: IntegerBounds = {}): number {
    const value = this.raw(name);
    if (value === undefined || value === '') return fallback;
    const parsed = INTEGER.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed)) this.fail(name, value, 'an integer');
    if (bounds.min !== undefined && parsed < bounds.min)
      this.fail(name, value, `an integer of at least ${bounds.min}`);
    if (bounds.max !== undefined && parsed > bounds.max)
      this.fail(name, value, `an integer of at most ${bounds.max}`);
    return parsed;
  }

  /** A boolean option: true/false, yes/no, on/off or 1/0, in any case. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined || value === '') return fallback;
    if (TRUE_WORDS.has(value)) return true;
    if (FALSE_WORDS.has(value)) return false;
    return this.fail(name, value, 'a boolean (true/false, yes/no, on/off, 1/0)');
  }

  /** A comma-separated list; blank items are dropped. */
  list(name: string, fallback: readonly string[]): string[] {
    const value = this.raw(name);
    if (value === undefined) return [...fallback];
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /** One of a fixed set of words (compared in lower case). */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined || value === '') return fallback;
    const found = choices.find((choice) => choice === value);
    return found ?? this.fail(name, value, `one of ${choices.join(', ')}`);
  }

  /** Throws the ConfigError for a bad value of `name`. */
  fail(name: string, value: string, expected: string): never {
    throw new ConfigError(
      `filter ${this.filter}: option ${name} = "${value}" is invalid: expected ${expected}`
    );
  }

  private raw(name: string): string | undefined {
    if (Object.hasOwn(this.conf, name)) return this.conf[name]?.trim();
    if (!Object.hasOwn(this.hostSection, name)) return undefined;
    const value = this.hostSection[name];
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) ? value.join(',') : String(value).trim();
  }
}
