/**
 * A group of configuration options one plugin declares, as oslo.config's option lists were
 * registered by each nova module: `defineOptions('compute', [...])` returns a group that
 * the host registers (entry-point namespace `wharf.config.options`) before it reads
 * wharf.conf, and that reads its own typed values back out of a loaded configuration.
 *
 * Groups are recognised by brand, so a group declared with another copy of wharf is one too.
 */
import { applyBrand, brandSymbol, hasBrand } from './brand.js';
import { UndeclaredOptionError } from './errors.js';
import type { OptionSpec } from './option-spec.js';

/** The entry-point namespace whose entries are option groups. */
export const OPTIONS_NAMESPACE = 'wharf.config.options';

const OPTION_GROUP_BRAND = brandSymbol('option-group');

/** The typed value of one option spec. */
export type OptionValue<O> = O extends { type: 'int'; auto: true }
  ? number | 'auto'
  : O extends { type: 'int' | 'float' }
    ? number
    : O extends { type: 'bool' }
      ? boolean
      : O extends { type: 'list' }
        ? readonly string[]
        : O extends { type: 'enum'; choices: readonly (infer C)[] }
          ? C
          : string;

/** The typed sections of a list of option specs: `{ [section]: { [name]: value } }`. */
export type SectionsOf<T extends readonly OptionSpec[]> = {
  readonly [S in T[number]['section']]: {
    readonly [O in Extract<T[number], { section: S }> as O['name']]: OptionValue<O>;
  };
};

/** What a group says about itself besides its options. */
export interface OptionGroupInfo {
  /** One sentence per section, shown above its table in docs/configuration.md. */
  readonly sections?: Readonly<Record<string, string>>;
}

/** What the registry needs of a group, whatever its options' types. */
export interface DeclaredOptions {
  /** Who declares the options: `wharf`, or the plugin's name. */
  readonly name: string;
  /** The options, in docs order. */
  readonly specs: readonly OptionSpec[];
  /** Section descriptions. */
  readonly info: OptionGroupInfo;
}

/** A declared group of options; `of(config)` reads them typed. */
export class OptionGroup<
  T extends readonly OptionSpec[] = readonly OptionSpec[]
> implements DeclaredOptions {
  constructor(
    /**
     * Who declares the options (`wharf`, or the plugin's name), shown by `wharf config
     * list` and the docs.
     */
    readonly name: string,
    /** The options, in the order docs list them. */
    readonly specs: T,
    /** Section descriptions. */
    readonly info: OptionGroupInfo = {}
  ) {}

  /**
   * The specs of the options named, in the order named: the options one reader (a filter)
   * takes from the group. A name the group does not declare is a programming error.
   */
  pick<const N extends T[number]['name']>(...names: N[]): Extract<T[number], { name: N }>[] {
    return names.map((name) => {
      const spec = this.specs.find((candidate) => candidate.name === name);
      if (spec === undefined)
        throw new UndeclaredOptionError(
          `option group ${this.name}`,
          name,
          this.specs.map((candidate) => candidate.name)
        );
      return spec as Extract<T[number], { name: N }>;
    });
  }

  /**
   * This group's values in a loaded configuration. A configuration loaded without this
   * group registered could not have set any of its options (each would have been an
   * unknown option), so its defaults are the values then.
   */
  of(config: object): SectionsOf<T> {
    const loaded = config as Readonly<
      Record<string, Readonly<Record<string, unknown>> | undefined>
    >;
    const sections: Record<string, Record<string, unknown>> = {};
    for (const spec of this.specs) {
      const value = loaded[spec.section]?.[spec.name];
      (sections[spec.section] ??= {})[spec.name] = value === undefined ? spec.default : value;
    }
    return sections as SectionsOf<T>;
  }
}
applyBrand(OptionGroup, OPTION_GROUP_BRAND);

/** Declares a group of options; keep the list `as const`-typed for typed values. */
export function defineOptions<const T extends readonly OptionSpec[]>(
  name: string,
  specs: T,
  info: OptionGroupInfo = {}
): OptionGroup<T> {
  return new OptionGroup(name, specs, info);
}

/** True for an option group from any copy of wharf. */
export function isOptionGroup(value: unknown): value is DeclaredOptions {
  return hasBrand(value, OPTION_GROUP_BRAND);
}
