/**
 * Checks every reference in a paste file before anything is built: each name exists, a
 * pipeline's leading elements are filters and its last element is not, urlmap targets are
 * not filters, and no composite or pipeline reaches itself. Each error names the line of the
 * reference at fault.
 */
import {
  pasteError,
  sectionLabel,
  type PasteConfig,
  type PasteSection,
  type PipelineSpec
} from './paste-sections.js';

/** One name a section refers to, and what it must be there. */
interface Reference {
  readonly name: string;
  readonly line: number;
  /** `filter`: a pipeline's leading element; `app`: anything that serves requests. */
  readonly role: 'filter' | 'app';
  /** Where the reference sits, for messages. */
  readonly where: string;
}

/** Throws a PasteConfigError for the first bad reference or cycle in `config`. */
export function checkPasteConfig(config: PasteConfig): void {
  for (const section of config.sections.values()) {
    for (const reference of referencesOf(section)) checkReference(config, section, reference);
  }
  checkCycles(config);
}

function referencesOf(section: PasteSection): Reference[] {
  switch (section.kind) {
    case 'filter':
    case 'app':
      return [];
    case 'pipeline':
      return pipelineReferences(section.pipeline, 'pipeline');
    case 'composite':
      if (section.use === 'urlmap') {
        return section.mappings.map(({ target, path, line }) => ({
          name: target,
          line,
          role: 'app' as const,
          where: `urlmap target of ${path}`
        }));
      }
      return [...section.pipelines].flatMap(([strategy, spec]) =>
        pipelineReferences(spec, `pipeline "${strategy}"`)
      );
  }
}

function pipelineReferences(spec: PipelineSpec, where: string): Reference[] {
  const last = spec.names.length - 1;
  return spec.names.map((name, index) => ({
    name,
    line: spec.line,
    role: index === last ? 'app' : 'filter',
    where
  }));
}

function checkReference(config: PasteConfig, from: PasteSection, reference: Reference): void {
  const fail = (problem: string): never => {
    throw pasteError(config.file, reference.line, sectionLabel(from), problem);
  };
  const target = config.sections.get(reference.name);
  if (!target) {
    return fail(`refers to unknown name "${reference.name}" (${reference.where})`);
  }
  const found = `${sectionLabel(target)} at line ${target.line}`;
  if (reference.role === 'filter' && target.kind !== 'filter') {
    fail(
      `uses "${reference.name}" as a filter in ${reference.where}, but it is ${found}; ` +
        'only the last element of a pipeline may be an app, pipeline or composite'
    );
  }
  if (reference.role === 'app' && target.kind === 'filter') {
    fail(
      reference.where.startsWith('urlmap')
        ? `uses filter "${reference.name}" as an app (${reference.where}; ${found})`
        : `has a pipeline without an app: ${reference.where} ends with filter "${reference.name}" (${found})`
    );
  }
}

function checkCycles(config: PasteConfig): void {
  const done = new Set<string>();
  const trail: string[] = [];

  const visit = (section: PasteSection): void => {
    trail.push(section.name);
    for (const reference of referencesOf(section)) {
      if (reference.role !== 'app' || done.has(reference.name)) continue;
      const target = config.sections.get(reference.name)!;
      if (trail.includes(target.name)) {
        const loop = [...trail.slice(trail.indexOf(target.name)), target.name]
          .map((name) => sectionLabel(config.sections.get(name)!))
          .join(' -> ');
        throw pasteError(
          config.file,
          reference.line,
          sectionLabel(section),
          `closes a cycle: ${loop}`
        );
      }
      visit(target);
    }
    trail.pop();
    done.add(section.name);
  };

  for (const section of config.sections.values()) if (!done.has(section.name)) visit(section);
}
