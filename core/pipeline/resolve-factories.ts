/**
 * Resolving the factory of every factory section of a paste file, once, before anything is
 * built: an unknown name, or a Python name with no wharf equivalent, is an error naming the
 * line and what to do, wherever the section sits. A filter or app factory that lists its
 * options makes any other key of its section (a `get` line's name included) an error naming
 * the line, reached or not. Composite factories also declare the names their lines refer
 * to, for the whole-file check.
 */
import {
  pasteError,
  sectionLabel,
  type FactorySection,
  type FilterAppSection,
  type PasteConfig,
  type PasteSection
} from './paste-sections.js';
import type { CompositeReferences } from './paste-check.js';
import {
  ALIAS_NAMESPACES,
  KIND_NAMESPACES,
  type AppFactory,
  type CompositeFactory,
  type CompositeReference,
  type FactoryKind,
  type FactoryRef,
  type FactoryResolver,
  type FilterFactory
} from './types.js';

type AnyFactory = FilterFactory | AppFactory | CompositeFactory;

/** The factories of a file's sections and the composites' declared references. */
export interface ResolvedFactories {
  /** The factory of a filter, app, composite or filter-app section. */
  of(section: FactorySection | FilterAppSection): AnyFactory;
  readonly references: CompositeReferences;
}

/** How the file wrote a factory reference, for messages. */
export function describeRef(ref: FactoryRef): string {
  switch (ref.scheme) {
    case 'entry':
      return ref.name;
    case 'egg':
      return `egg:${ref.dist}#${ref.name}`;
    case 'python':
      return ref.name;
  }
}

/** Resolves every factory section of every scope of `config` (each reference once). */
export async function resolveAll(
  config: PasteConfig,
  resolve: FactoryResolver
): Promise<ResolvedFactories> {
  const byRef = new Map<string, Promise<AnyFactory>>();
  const factories = new Map<PasteSection, AnyFactory>();
  const references = new Map<PasteSection, readonly CompositeReference[]>();
  for (const sections of config.scopes.values()) {
    for (const section of sections.values()) {
      if (section.kind === 'pipeline') continue;
      const kind: FactoryKind = section.kind === 'filter-app' ? 'filter' : section.kind;
      const key = `${kind} ${JSON.stringify(section.factory)}`;
      let resolved = byRef.get(key);
      if (!resolved) {
        resolved = resolve(kind, section.factory.name, section.factory);
        byRef.set(key, resolved);
      }
      let factory: AnyFactory;
      try {
        factory = await resolved;
      } catch (cause) {
        throw unresolved(section, kind, cause);
      }
      factories.set(section, factory);
      if (section.kind !== 'composite')
        checkOptions(section, factory as FilterFactory | AppFactory);
      if (section.kind === 'composite') {
        const declared = (factory as CompositeFactory).references;
        const fail = (line: number, problem: string): Error =>
          pasteError(section.file, line || section.line, sectionLabel(section), problem);
        if (declared) references.set(section, declared(section.entries, fail));
      }
    }
  }
  return { of: (section) => factories.get(section)!, references };
}

/** Throws for the first key of `section` its factory does not take, if it lists its options. */
function checkOptions(
  section: FactorySection | FilterAppSection,
  factory: FilterFactory | AppFactory
): void {
  const { options } = factory;
  if (!options) return;
  const keys = [
    ...section.entries,
    ...section.gets.map(({ local, line }) => ({ key: local, line }))
  ];
  const unknown = keys.find(({ key }) => !options.includes(key));
  if (!unknown) return;
  const takes = options.length ? `it takes: ${options.join(', ')}` : 'it takes none';
  throw pasteError(
    section.file,
    unknown.line,
    sectionLabel(section),
    `has option "${unknown.key}", which factory "${describeRef(section.factory)}" does not take (${takes})`
  );
}

function unresolved(
  section: FactorySection | FilterAppSection,
  kind: FactoryKind,
  cause: unknown
): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const ref = section.factory;
  const problem =
    ref.scheme === 'python'
      ? `names ${ref.name}, which has no wharf equivalent (no ${kind} alias of that name in ` +
        `${ALIAS_NAMESPACES[kind]}: ${reason}); remove the section and its uses, or declare ` +
        `the alias in a package's manifest (docs/pipeline.md, "Python names")`
      : `uses unknown ${kind} factory "${describeRef(ref)}" (no usable entry point in ` +
        `${KIND_NAMESPACES[kind]}: ${reason})`;
  return pasteError(section.file, section.factoryLine, sectionLabel(section), problem, cause);
}
