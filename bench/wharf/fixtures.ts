/**
 * Where the wharf benchmark servers find their generated files: one root folder (the
 * environment variable `WHARF_BENCH_FIXTURES`, which the harness sets for its children)
 * holding a drop-in folder per synthetic route count (`routes-N/`), the SQLite files of the
 * compute servers, and the entry-point cache of every wharf child (`XDG_CACHE_HOME`), so
 * nothing lands in the user's own cache and everything goes when the run ends.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * environment (inherited by every child) at it. Returns the clean-up, which removes it all.
 */
export async function prepareFixtures(specs: readonly ServerSpec[]): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'wharf-bench-'));
  process.env[FIXTURES_ENV] = root;
  process.env.XDG_CACHE_HOME = join(root, 'cache');
  const counts = new Set(specs.flatMap((spec) => spec.fixtureRoutes ?? []));
  await Promise.all(
    [...counts].map((routes) => generateApiExtensions(routesFixtureDir(routes, root), routes))
  );
  return () => rm(root, { recursive: true, force: true });
}
