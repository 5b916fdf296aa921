/**
 * The house, one way down: the folders of core/ are layers, and an import may only point to
 * a lower layer or stay in its own folder.
 * The graph is read from the sources with the TypeScript scanner, type-only imports
 * included: a type cycle is still a design cycle.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { test } from 'node:test';
import { globSync } from 'glob';
import ts from 'typescript';

const root = new URL('../../../', import.meta.url);

/**
 * Rank of each layer, bottom first. A file may import files of lower rank or of its own
 * folder; two folders of the same rank (api and middleware, plugins and routing) never
 * import each other. `base` is the files directly in core/ (errors, context, logger...) and
 * core/errors/ (the error classes by area, which errors.ts gathers), `surface` the three barrels of `wharf`, `wharf/host` and `wharf/testing`.
 */
const RANKS: Readonly<Record<string, number>> = {
  base: 0,
  http: 1,
  plugins: 2,
  routing: 2,
  pipeline: 3,
  middleware: 4,
  api: 4,
  server: 5,
  check: 6,
  testing: 7,
  cli: 7,
  surface: 8
};
const SURFACES = new Set([
  'core/index.ts',
  'core/host.ts',
  'core/testing.ts',
  'core/public-types.ts'
]);
const BASE_FOLDERS = new Set(['errors']);

/** The layer of a file under core/ (`undefined` for a folder no rank names). */
function layerOf(file: string): string {
  if (SURFACES.has(file)) return 'surface';
  const parts = file.split('/');
  return parts.length === 2 || BASE_FOLDERS.has(parts[1]!) ? 'base' : parts[1]!;
}

/** Every relative import of every core/ source, as `[from, to]` repository paths. */
function importEdges(): [string, string][] {
  return globSync('core/**/*.ts', { cwd: root, posix: true }).flatMap((file) =>
    ts
      .preProcessFile(readFileSync(new URL(file, root), 'utf8'), true, true)
      .importedFiles.filter(({ fileName }) => fileName.startsWith('.'))
      .map(({ fileName }): [string, string] => [
        file,
        posix.join(posix.dirname(file), fileName).replace(/\.js$/, '.ts')
      ])
  );
}

/** Why an import breaks the layering, or null when it points down or stays home. */
function violation(from: string, to: string): string | null {
  if (!to.startsWith('core/'))
    return `core imports ${to} (core finds extensions through the manifest)`;
  const [source, target] = [layerOf(from), layerOf(to)];
  if (source === target) return null;
  for (const layer of [source, target]) {
    if (RANKS[layer] === undefined) return `${layer} is in no layer: give core/${layer}/ a rank`;
  }
  return RANKS[target]! < RANKS[source]! ? null : `${source} may not import ${target}`;
}

test('every import in core/ points down a layer or stays in its folder', () => {
  const edges = importEdges();
  assert.ok(edges.length > 300, `expected the import graph of core/, found ${edges.length} edges`);
  const broken = edges.flatMap(([from, to]) => {
    const why = violation(from, to);
    return why === null ? [] : [`${from} -> ${to}: ${why}`];
  });
  assert.deepEqual(broken, []);
});

test('refuses an upward import and an import between siblings', () => {
  assert.match(
    String(violation('core/api/resource.ts', 'core/middleware/cors.ts')),
    /api may not import middleware/
  );
  assert.match(
    String(violation('core/middleware/cors.ts', 'core/api/resource.ts')),
    /middleware may not import api/
  );
  assert.match(
    String(violation('core/pipeline/compose.ts', 'core/middleware/cors.ts')),
    /pipeline may not/
  );
  assert.match(String(violation('core/http/faults.ts', 'core/api/resource.ts')), /http may not/);
  assert.match(
    String(violation('core/api/resource.ts', 'extensions/compute/index.ts')),
    /manifest/
  );
  assert.equal(violation('core/api/resource.ts', 'core/http/faults.ts'), null);
});
