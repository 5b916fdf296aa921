/**
 * Finding which items, each taken away on its own, break something, without taking each one
 * away on its own: adaptive group testing for `wharf check`'s disabled-start conformance,
 * where one "probe" is a whole host check (seconds with a thousand extensions), so probing
 * every alias of a large drop-in package one at a time grows with the square of its size.
 *
 * The search relies on one property of a probe: taking more items away never hides a fault
 * of an item still present (the host only loses providers when extensions are disabled; a
 * dependent left enabled still misses what a disabled one provided). Under it, the result is
 * exactly that of probing every item alone:
 *
 * 1. Items are split by each bit of their index (those with the bit clear, then those with
 *    it set), so for any two items some group holds the first and not the second: a culprit
 *    whose dependent is in the same package is still seen, by the group that leaves the
 *    dependent out.
 * 2. A group whose probe finds nothing holds no culprit seen by it. A group that finds
 *    something is halved until one item is left, following a half that still finds
 *    something; that item is probed alone and recorded, then the group is probed again
 *    without the culprits found so far, until it finds nothing.
 *
 * With no culprit, that is two probes per bit of the item count (20 for 1000 items); each
 * culprit costs about two probes per bit more. Below that count every item is probed alone.
 */

/** Probes the system with `removed` taken away; returns what broke (empty: nothing). */
export type Probe<Finding> = (removed: readonly string[]) => Promise<Finding[]>;

/**
 * Each item of `items` whose removal alone breaks something, with what `probe` found for it
 * alone, in the order of `items`.
 */
export async function singleCulprits<Finding>(
  items: readonly string[],
  probe: Probe<Finding>
): Promise<Map<string, Finding[]>> {
  const probeOnce = remembering(probe);
  const found = new Map<string, Finding[]>();
  for (const group of probeGroups(items)) {
    let rest = group.filter((item) => !found.has(item));
    while (rest.length > 0 && (await probeOnce(rest)).length > 0) {
      const culprit = await isolate(rest, probeOnce);
      if (culprit === undefined) break;
      found.set(culprit.item, culprit.findings);
      rest = rest.filter((item) => item !== culprit.item);
    }
  }
  return new Map(items.filter((item) => found.has(item)).map((item) => [item, found.get(item)!]));
}

/** The groups of the bit split; each item alone when that takes no more probes. */
function probeGroups(items: readonly string[]): string[][] {
  const bits = Math.ceil(Math.log2(Math.max(items.length, 1)));
  if (items.length <= Math.max(2 * bits, 1)) return items.map((item) => [item]);
  const groups: string[][] = [];
  for (let bit = 0; bit < bits; bit++) {
    for (const set of [0, 1]) {
      groups.push(items.filter((_, index) => ((index >> bit) & 1) === set));
    }
  }
  return groups;
}

/**
 * One item of `group` (whose probe found something) that breaks something alone, with its
 * findings; undefined when no single item does (only several together do).
 */
async function isolate<Finding>(
  group: readonly string[],
  probe: Probe<Finding>
): Promise<{ item: string; findings: Finding[] } | undefined> {
  if (group.length === 1) {
    const findings = await probe(group);
    return findings.length > 0 ? { item: group[0]!, findings } : undefined;
  }
  const middle = Math.ceil(group.length / 2);
  for (const half of [group.slice(0, middle), group.slice(middle)]) {
    if ((await probe(half)).length > 0) {
      const culprit = await isolate(half, probe);
      if (culprit !== undefined) return culprit;
    }
  }
  return undefined;
}

/** `probe`, run once per distinct set of removed items. */
function remembering<Finding>(probe: Probe<Finding>): Probe<Finding> {
  const results = new Map<string, Promise<Finding[]>>();
  return (removed) => {
    const key = removed.join('\n');
    let result = results.get(key);
    if (result === undefined) {
      result = probe(removed);
      results.set(key, result);
    }
    return result;
  };
}
