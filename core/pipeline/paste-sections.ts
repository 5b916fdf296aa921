/**
 * The model of a paste pipeline file: its typed sections, and the error helper every paste
 * check uses so that each message names the file, the line and the section.
 */
import { PasteConfigError } from '../errors.js';

/** A whitespace-separated list of section names: filters, then one app. */
export interface PipelineSpec {
  readonly names: readonly string[];
  /** Line of the key holding the list. */
  readonly line: number;
}

interface SectionBase {
  readonly name: string;
  /** Line of the section header. */
  readonly line: number;
}

/** `[filter:NAME]` or `[app:NAME]`: built by the factory its `use` names. */
export interface FactorySection extends SectionBase {
  readonly kind: 'filter' | 'app';
  readonly use: string;
  readonly useLine: number;
  readonly localConf: Readonly<Record<string, string>>;
}

/** `[pipeline:NAME]`. */
export interface PipelineSection extends SectionBase {
  readonly kind: 'pipeline';
  readonly pipeline: PipelineSpec;
}

/** One `PATH = target` line of a urlmap composite. */
export interface UrlMapTarget {
  /** Normalized: no trailing slash, `/` is ``. */
  readonly prefix: string;
  readonly path: string;
  readonly target: string;
  readonly line: number;
}

/** `[composite:NAME]` with `use = urlmap`. */
export interface UrlMapSection extends SectionBase {
  readonly kind: 'composite';
  readonly use: 'urlmap';
  readonly mappings: readonly UrlMapTarget[];
}

/** `[composite:NAME]` with `use = auth_pipeline`: one pipeline per auth strategy. */
export interface AuthPipelineSection extends SectionBase {
  readonly kind: 'composite';
  readonly use: 'auth_pipeline';
  readonly pipelines: ReadonlyMap<string, PipelineSpec>;
}

/** Any section but `[DEFAULT]`. */
export type PasteSection = FactorySection | PipelineSection | UrlMapSection | AuthPipelineSection;

/** A parsed and checked paste file. */
export interface PasteConfig {
  readonly file: string;
  /** The `[DEFAULT]` section. */
  readonly globalConf: Readonly<Record<string, string>>;
  /** Sections by name (names are unique across section types). */
  readonly sections: ReadonlyMap<string, PasteSection>;
}

/** The section types, in the order error messages list them. */
export const SECTION_KINDS = ['filter', 'app', 'pipeline', 'composite'] as const;

/** `[kind:name]`, as the file spells the section. */
export function sectionLabel(section: { kind: string; name: string }): string {
  return `[${section.kind}:${section.name}]`;
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
