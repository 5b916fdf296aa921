/**
 * Makes the host's own `wharf` importable by the extension packages that have no copy of
 * their own, by registering `wharf-resolve-hook` with `module.register` (once per process).
 * Bundled extensions need no hook (they reach `wharf` by the package's self-reference), nor
 * does a package with a `node_modules/wharf` in or above its folder (an installed package
 * next to the host, or one bundling its own copy). The hook is registered only when a
 * package needs it, because on Node 20 every module resolved after it crosses to the
 * loader thread (see "Start-up" in docs/performance.md for what that costs).
 */
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join } from 'node:path';

let provided = false;
/** Per package folder: whether its modules need the host's `wharf` provided. */
const needs = new Map<string, boolean>();

/** True when Node's own lookup finds a `node_modules/wharf` from `dir` upwards. */
function resolvesWharfItself(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules', 'wharf', 'package.json'))) return true;
    if (dirname(current) === current) return false;
  }
}

/**
 * True when the modules of the package in `packageDir` (an installed or drop-in package)
 * cannot import `wharf` by themselves, so importing them registers the resolve hook.
 */
function needsWharfProvided(packageDir: string): boolean {
  let answer = needs.get(packageDir);
  if (answer === undefined) {
    answer = !resolvesWharfItself(packageDir);
    needs.set(packageDir, answer);
  }
  return answer;
}

/**
 * True when the modules an entry point of `source` names need the host's `wharf` provided:
 * it was declared by an installed or drop-in package that cannot import it by itself.
 */
export function sourceNeedsWharf(source: { kind: string; file: string }): boolean {
  return source.kind !== 'project' && needsWharfProvided(dirname(source.file));
}

/**
 * Ensures a package's modules can import `wharf`: registers the resolve hook unless the
 * package (folder `packageDir`) finds a copy itself; once registered, later calls do nothing.
 */
export function provideWharfTo(packageDir: string): void {
  if (provided || !needsWharfProvided(packageDir)) return;
  register(new URL('./wharf-resolve-hook.js', import.meta.url));
  provided = true;
}
