/**
 * The option registry: every option group the host knows, wharf's own first, then those
 * of plugins in the order their entry points were found (namespace `wharf.config.options`).
 * The configuration loader validates wharf.conf, the environment and flags against it, and
 * `wharf config list` and docs/configuration.md list it.
 */
import { ConfigError } from '../errors.js';
import type { EntryPointCatalog } from '../plugins/catalog.js';
import { describe } from '../plugins/entry-point.js';
import type { OptionSpec } from './config-options.js';
import { CORE_OPTIONS } from './core-options.js';
import { isOptionGroup, OPTIONS_NAMESPACE, type DeclaredOptions } from '../option-group.js';

/** One registered option and the group that declared it. */
export interface RegisteredOption {
  /** The option. */
  readonly spec: OptionSpec;
  /** The group that declares it. */
  readonly group: DeclaredOptions;
}

/** Option groups by option; one option belongs to one group. */
export class OptionRegistry {
  private readonly options = new Map<string, RegisteredOption>();

  constructor(
    /** The groups, in docs order; a second declaration of an option is an error. */
    readonly groups: readonly DeclaredOptions[]
  ) {
    for (const group of groups) {
      for (const spec of group.specs) {
        const key = `${spec.section}.${spec.name}`;
        const earlier = this.options.get(key);
        if (earlier) {
          throw new ConfigError(
            `option [${spec.section}] ${spec.name} is declared by both "${earlier.group.name}" and "${group.name}"`
          );
        }
        this.options.set(key, { spec, group });
      }
    }
  }

  /** wharf's own options only. */
  static core(): OptionRegistry {
    return new OptionRegistry([CORE_OPTIONS]);
  }

  /**
   * wharf's options plus every group of the catalog's `wharf.config.options` entry points,
   * imported; an entry point that fails to import or is not an option group is an error
   * naming it, since the options it would declare could not be checked.
   */
  static async discover(catalog: EntryPointCatalog): Promise<OptionRegistry> {
    const groups: DeclaredOptions[] = [CORE_OPTIONS];
    for (const entryPoint of catalog.list(OPTIONS_NAMESPACE)) {
      let value: unknown;
      try {
        value = await entryPoint.load();
      } catch (error) {
        throw new ConfigError(
          `option group "${entryPoint.name}" (${entryPoint.sourceLabel}): ${describe(error)}`,
          { cause: error }
        );
      }
      if (!isOptionGroup(value)) {
        throw new ConfigError(
          `option group "${entryPoint.name}" (${entryPoint.sourceLabel}): ${entryPoint.target} is not made by defineOptions()`
        );
      }
      groups.push(value);
    }
    return new OptionRegistry(groups);
  }

  /** Every option, group by group, in declaration order. */
  list(): RegisteredOption[] {
    return [...this.options.values()];
  }

  /** The sections, in the order their first option was declared. */
  sections(): string[] {
    return [...new Set(this.list().map(({ spec }) => spec.section))];
  }

  /** The option `[section] name`, if declared. */
  get(section: string, name: string): RegisteredOption | undefined {
    return this.options.get(`${section}.${name}`);
  }

  /** The option names of a section. */
  namesIn(section: string): string[] {
    return this.list()
      .filter(({ spec }) => spec.section === section)
      .map(({ spec }) => spec.name);
  }

  /** Fails unless `section` is declared; `where` names the source. */
  checkSection(section: string, where: string, suggest: (name: string) => string): void {
    if (this.sections().includes(section)) return;
    throw new ConfigError(
      `${where}: unknown section [${section}]${suggest(section)}; known: ${this.sections().join(', ')}`
    );
  }
}
