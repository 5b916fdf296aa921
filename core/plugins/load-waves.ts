/**
 * The order a manager loads its entry points in: concurrently, in two waves, first those
 * whose modules import `wharf` by themselves, then those that need it provided. Providing it
 * registers a resolve hook, and on Node 20 every module resolved after that crosses to Node's
 * loader thread, the modules those imports pull in included (see "Start-up" in
 * docs/performance.md).
 */
import type { EntryPoint } from './entry-point.js';
import { sourceNeedsWharf } from './provide-wharf.js';

/** Runs `load` on every entry point in the two waves; results keep the order of `entryPoints`. */
export async function loadInWaves<R>(
  entryPoints: readonly EntryPoint[],
  load: (entryPoint: EntryPoint) => Promise<R>
): Promise<R[]> {
  const results: R[] = [];
  for (const provided of [false, true]) {
    const wave = entryPoints.flatMap((entryPoint, index) =>
      sourceNeedsWharf(entryPoint.source) === provided ? [{ entryPoint, index }] : []
    );
    const built = await Promise.all(wave.map(({ entryPoint }) => load(entryPoint)));
    wave.forEach(({ index }, position) => (results[index] = built[position]!));
  }
  return results;
}
