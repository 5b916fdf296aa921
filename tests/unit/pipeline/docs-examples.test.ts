/**
 * The paste examples of docs/pipeline.md and docs/routing.md: each `ini` block (but those
 * marked `ini wharf.conf`) goes into a copy of etc/api-paste.ini, its sections replacing
 * the default file's sections of the same name, and the result must pass every check
 * `wharf check` makes before calling the factories. `audit`, the filter the docs write,
 * is the one factory the project does not ship: it is given as the docs declare it.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { createLogger } from '../../../core/logger.js';
import { resolveAndCheck } from '../../../core/pipeline/build-pipeline.js';
import { entryPointResolver } from '../../../core/pipeline/entry-point-resolver.js';
import { parsePasteConfig } from '../../../core/pipeline/paste-config.js';
import type { FactoryResolver, FilterFactory } from '../../../core/pipeline/types.js';
import { EntryPointCatalog } from '../../../core/plugins/index.js';

const root = new URL('../../../../', import.meta.url);
const DEFAULT_FILE = readFileSync(new URL('etc/api-paste.ini', root), 'utf8');

/** The `ini` blocks of a markdown file that are paste files. */
function pasteBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ini\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** A file's text cut into sections, keyed by header (`[filter:cors]`), in file order. */
function sectionsOf(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  let header = '';
  for (const line of text.split('\n')) {
    if (/^\[[^\]]+\]\s*$/.test(line)) header = line.trim();
    sections.set(header, `${sections.get(header) ?? ''}${line}\n`);
  }
  return sections;
}

/** The default file with the example's sections in place of its own. */
function withDefaults(example: string): string {
  const merged = sectionsOf(DEFAULT_FILE);
  for (const [header, body] of sectionsOf(example)) {
    if (header === '') continue;
    merged.set(header, body);
  }
  return [...merged.values()].join('\n');
}

/** The docs' `audit` filter, as declared there. */
const auditFilter: FilterFactory = () =>
  function audit(_req, _res, next) {
    next();
  };
auditFilter.options = ['level'];

async function givenResolver(): Promise<FactoryResolver> {
  const catalog = await EntryPointCatalog.discover({ scanNodeModules: false, cacheDir: null });
  const project = entryPointResolver(catalog, createLogger({ silent: true }));
  return (kind, name, ref) =>
    kind === 'filter' && name === 'audit' ? Promise.resolve(auditFilter) : project(kind, name, ref);
}

for (const page of ['pipeline', 'routing']) {
  describe(`docs/${page}.md paste examples`, () => {
    const blocks = pasteBlocks(readFileSync(new URL(`docs/${page}.md`, root), 'utf8'));

    test('has some', () => {
      assert.ok(blocks.length > 0);
    });

    blocks.forEach((block, index) => {
      test(`example ${index + 1} passes the checks in a copy of the default file`, async () => {
        assert.match(block, /^\[[^\]]+\]$/m, 'an example names its sections');
        const config = parsePasteConfig(withDefaults(block), `${page}-example-${index + 1}.ini`);
        await resolveAndCheck(config, await givenResolver());
      });
    });
  });
}
