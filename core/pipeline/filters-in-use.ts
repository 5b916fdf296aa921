/**
 * Which filter sections of a paste file a given factory builds and the file puts to use (in
 * a pipeline, a composite's line or a `filter-with`), so a command can say what a filter
 * changes for the API: `wharf routes` marks the routes a POST reaches through the
 * `method_override` filter.
 */
import type { FactorySection, PasteConfig } from './paste-sections.js';
import type { ResolvedFactories } from './resolve-factories.js';

/** The `[filter:]` sections built by `factory` that some section refers to, in file order. */
export function filtersInUse(
  config: PasteConfig,
  factories: ResolvedFactories,
  factory: unknown
): FactorySection[] {
  const used = new Set<string>();
  for (const sections of config.scopes.values()) {
    for (const section of sections.values()) {
      for (const { name } of section.filterWith) used.add(name);
      if (section.kind === 'pipeline') section.pipeline.names.forEach((name) => used.add(name));
    }
  }
  for (const references of factories.references.values())
    for (const { name, role } of references) if (role === 'filter') used.add(name);
  return [...config.sections.values()].filter(
    (section): section is FactorySection =>
      section.kind === 'filter' && used.has(section.name) && factories.of(section) === factory
  );
}
