/**
 * Where the wharf benchmark servers find their generated files: one root folder (the
 * environment variable `WHARF_BENCH_FIXTURES`, which the harness sets for its children)
 * holding a drop-in folder per synthetic route count (`routes-N/`), the load plans written
 * for the servers that start from one (`routes-N.plan.json` and its bundle), the SQLite
 * files of the compute servers, and the entry-point cache of every wharf child
 * (`XDG_CACHE_HOME`), so nothing lands in the user's own cache and everything goes when the
 * run ends.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNodeForJson } from '../harness/run-node.js';
import type { ServerSpec } from '../scenarios.js';
import { generateApiExtensions } from './generate-api-extensions.js';

/** The environment variable naming the fixtures root. */
export const FIXTURES_ENV = 'WHARF_BENCH_FIXTURES';

/** The fixtures root of this process: the variable, else a fixed folder under the temp dir. */
export function fixturesRoot(): string {
  return process.env[FIXTURES_ENV] ?? join(tmpdir(), 'wharf-bench-fixtures');
}

/** The drop-in folder of the synthetic set with `routes` routes. */
export function routesFixtureDir(routes: number, root = fixturesRoot()): string {
  return join(root, `routes-${routes}`);
}

/** The load plan of the host over `routes` synthetic routes (wharf/routes-load-plan.ts). */
export function routesLoadPlanFile(routes: number, root = fixturesRoot()): string {
  return join(root, `routes-${routes}.plan.json`);
}

/**
 * The drop-in folder of `routes` routes, generated first when missing (a server started by
 * hand; the harness generates every set before it starts any server).
 */
export async function ensureRoutesFixture(routes: number): Promise<string> {
  const dir = routesFixtureDir(routes);
  try {
    await access(join(dir, 'bench-api', 'package.json'));
  } catch {
    await generateApiExtensions(dir, routes);
  }
  return dir;
}

/**
 * Creates a fresh fixtures root, generates the sets `specs` need, and points this process's
 * environment (inherited by every child) at it; then writes, with the run's `node`, the load
 * plans they start from. Returns the clean-up, which removes it all.
 */
export async function prepareFixtures(
  specs: readonly ServerSpec[],
  node: string
): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'wharf-bench-'));
  process.env[FIXTURES_ENV] = root;
  process.env.XDG_CACHE_HOME = join(root, 'cache');
  const counts = new Set(specs.flatMap((spec) => spec.fixtureRoutes ?? []));
  await Promise.all(
    [...counts].map((routes) => generateApiExtensions(routesFixtureDir(routes, root), routes))
  );
  const script = fileURLToPath(new URL('./routes-load-plan.js', import.meta.url));
  for (const routes of new Set(specs.flatMap((spec) => spec.loadPlanRoutes ?? []))) {
    await runNodeForJson({ node, script, args: [String(routes)] });
  }
  return () => rm(root, { recursive: true, force: true });
}
