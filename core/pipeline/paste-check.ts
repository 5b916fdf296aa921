/**
 * Checks every reference in a paste file before anything is built: each name exists, a
 * pipeline's leading elements and `filter-with` name filters, what serves requests (a
 * pipeline's last element, `next`, a composite's targets) is not a filter, and no section
 * reaches itself. Each error names the line of the reference at fault.
 *
 * Composites declare their references through their factory (`references`), so the check
 * runs twice: when the file is read (everything but composites' lines) and again, whole,
 * once the composite factories are resolved (build-pipeline.ts).
 */
import {
  pasteError,
  sectionLabel,
  type PasteConfig,
  type PasteSection,
  type PipelineSpec
} from './paste-sections.js';
import type { CompositeReference } from './types.js';

/** A composite section's references, as its factory declares them. */
export type CompositeReferences = ReadonlyMap<PasteSection, readonly CompositeReference[]>;

interface Reference extends CompositeReference {
  /** The file whose sections `name` is looked up in. */
  readonly scope: string;
}

/** Throws a PasteConfigError for the first bad reference or cycle in `config`. */
export function checkPasteConfig(
  config: PasteConfig,
  composites: CompositeReferences = new Map()
): void {
  const referencesOf = (section: PasteSection): Reference[] => [
    ...section.filterWith.map(({ name, line, scope }) => ({
      name,
      line,
      scope,
      role: 'filter' as const,
      where: 'filter-with'
    })),
    ...ownReferences(section, composites)
  ];
  for (const sections of config.scopes.values()) {
    for (const section of sections.values()) {
      for (const reference of referencesOf(section)) checkReference(config, section, reference);
    }
  }
  checkCycles(config, referencesOf);
}

function ownReferences(section: PasteSection, composites: CompositeReferences): Reference[] {
  const scope = section.scope;
  switch (section.kind) {
    case 'pipeline':
      return pipelineReferences(section.pipeline, 'pipeline', scope);
    case 'filter-app':
      return [{ ...section.next, role: 'app', where: 'next' }];
    case 'composite':
      return (composites.get(section) ?? []).map((reference) => ({ ...reference, scope }));
    default:
      return [];
  }
}

function pipelineReferences(spec: PipelineSpec, where: string, scope: string): Reference[] {
  const last = spec.names.length - 1;
  return spec.names.map((name, index) => ({
    name,
    line: spec.line,
    scope,
    role: index === last ? 'app' : 'filter',
    where
  }));
}

function lookup(config: PasteConfig, reference: Reference): PasteSection | undefined {
  return config.scopes.get(reference.scope)?.get(reference.name);
}

function checkReference(config: PasteConfig, from: PasteSection, reference: Reference): void {
  const fail = (problem: string): never => {
    throw pasteError(from.file, reference.line, sectionLabel(from), problem);
  };
  const target = lookup(config, reference);
  if (!target) {
    return fail(`refers to unknown name "${reference.name}" (${reference.where})`);
  }
  const found = `${sectionLabel(target)} at line ${target.line}`;
  if (reference.role === 'filter' && target.kind !== 'filter') {
    fail(
      reference.where === 'filter-with'
        ? `has filter-with "${reference.name}", but it is ${found}, not a filter`
        : `uses "${reference.name}" as a filter in ${reference.where}, but it is ${found}; ` +
            'only the last element of a pipeline may be an app, pipeline, composite or filter-app'
    );
  }
  if (reference.role === 'app' && target.kind === 'filter') {
    fail(
      reference.where.startsWith('pipeline')
        ? `has a pipeline without an app: ${reference.where} ends with filter "${reference.name}" (${found})`
        : `uses filter "${reference.name}" as an app (${reference.where}; ${found})`
    );
  }
}

function checkCycles(
  config: PasteConfig,
  referencesOf: (section: PasteSection) => Reference[]
): void {
  const done = new Set<PasteSection>();
  const trail: PasteSection[] = [];

  const visit = (section: PasteSection): void => {
    trail.push(section);
    for (const reference of referencesOf(section)) {
      const target = lookup(config, reference)!;
      if (done.has(target)) continue;
      if (trail.includes(target)) {
        const loop = [...trail.slice(trail.indexOf(target)), target].map(sectionLabel).join(' -> ');
        throw pasteError(
          section.file,
          reference.line,
          sectionLabel(section),
          `closes a cycle: ${loop}`
        );
      }
      visit(target);
    }
    trail.pop();
    done.add(section);
  };

  for (const sections of config.scopes.values()) {
    for (const section of sections.values()) if (!done.has(section)) visit(section);
  }
}
