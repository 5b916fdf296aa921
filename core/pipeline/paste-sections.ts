/**
 * The model of a paste pipeline file: its typed sections, and the error helper every paste
 * check uses so that each message names the file, the line and the section.
 *
 * A section belongs to a scope, the file that defined it: `use = config:other.ini#x` brings
 * section `x` of another file in, and the names `x` refers to are looked up in that file.
 */
import { PasteConfigError } from '../errors.js';
import type { FactoryKind, FactoryRef, LocalEntry } from './types.js';

/** A whitespace-separated list of section names: filters, then one app. */
export interface PipelineSpec {
  /** Section names, in order: filters, then the app. */
  readonly names: readonly string[];
  /** Line of the key holding the list. */
  readonly line: number;
}

/** A name one key refers to (`next = x`, `filter-with = f`), looked up in `scope`. */
export interface NameRef {
  /** The name referred to. */
  readonly name: string;
  /** Line of the key. */
  readonly line: number;
  /** The file in which the name is looked up. */
  readonly scope: string;
}

/** `get LOCAL = GLOBAL`: a local option copied from the global configuration when built. */
export interface GetOverride {
  /** The local option set. */
  readonly local: string;
  /** The global option read. */
  readonly global: string;
  /** Line of the `get` key. */
  readonly line: number;
}

/** What every section of a paste file has. */
export interface SectionBase {
  /** The section's name (`NAME` of `[filter:NAME]`). */
  readonly name: string;
  /** Line of the section header, in `file`. */
  readonly line: number;
  /** The file whose section header this is (for messages). */
  readonly file: string;
  /** The file whose names the section refers to (another one after `use = config:`). */
  readonly scope: string;
  /** The file's `[DEFAULT]`, interpolated, with `here` and `__file__`. */
  readonly defaults: Readonly<Record<string, string>>;
  /** `set NAME = value` lines: global values for this section and what it builds. */
  readonly sets: Readonly<Record<string, string>>;
  /** `get` lines, resolved when built. */
  readonly gets: readonly GetOverride[];
  /** `filter-with` filters, outermost first: each runs before the section. */
  readonly filterWith: readonly NameRef[];
}

/** `[filter:NAME]`, `[app:NAME]` or `[composite:NAME]`: built by the factory it names. */
export interface FactorySection extends SectionBase {
  /** Whether it builds a filter, an app or a composite. */
  readonly kind: FactoryKind;
  /** The factory its `use` or `paste.*_factory` key names. */
  readonly factory: FactoryRef;
  /** Line of the `use` or `paste.*_factory` key. */
  readonly factoryLine: number;
  /** The other keys, in file order. */
  readonly entries: readonly LocalEntry[];
}

/** `[pipeline:NAME]`. */
export interface PipelineSection extends SectionBase {
  /** A pipeline section. */
  readonly kind: 'pipeline';
  /** Its `pipeline` key. */
  readonly pipeline: PipelineSpec;
}

/** `[filter-app:NAME]`: a filter factory wrapping the app `next` names. */
export interface FilterAppSection extends SectionBase {
  /** A filter-app section. */
  readonly kind: 'filter-app';
  /** The filter factory its `use` or `paste.filter_factory` key names. */
  readonly factory: FactoryRef;
  /** Line of the `use` or `paste.filter_factory` key. */
  readonly factoryLine: number;
  /** The other keys (the filter's options), in file order. */
  readonly entries: readonly LocalEntry[];
  /** The app (or pipeline) the filter wraps. */
  readonly next: NameRef;
}

/** Any section but `[DEFAULT]`. */
export type PasteSection = FactorySection | PipelineSection | FilterAppSection;

/** A parsed and checked paste file, with the files it includes through `config:`. */
export interface PasteConfig {
  /** The file parsed. */
  readonly file: string;
  /** The `[DEFAULT]` section, interpolated, with `here` and `__file__`. */
  readonly globalConf: Readonly<Record<string, string>>;
  /** The file's own sections by name (names are unique across section types). */
  readonly sections: ReadonlyMap<string, PasteSection>;
  /** Every file's sections by scope (the file itself and those `config:` names). */
  readonly scopes: ReadonlyMap<string, ReadonlyMap<string, PasteSection>>;
}

/** The section types, in the order error messages list them. */
export const SECTION_KINDS = ['filter', 'app', 'pipeline', 'composite', 'filter-app'] as const;

/** `[kind:name]`, as the file spells the section. */
export function sectionLabel(section: { kind: string; name: string }): string {
  return `[${section.kind}:${section.name}]`;
}

/** The local configuration of a factory section as a plain object. */
export function localConfOf(section: { entries: readonly LocalEntry[] }): Record<string, string> {
  return Object.fromEntries(section.entries.map((entry) => [entry.key, entry.value]));
}

/** The error for a problem at one line of one section. */
export function pasteError(
  file: string,
  line: number,
  section: string,
  problem: string,
  cause?: unknown
): PasteConfigError {
  return new PasteConfigError(`${file}:${line}: ${section} ${problem}`, { cause });
}
