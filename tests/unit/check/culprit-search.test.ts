/**
 * `singleCulprits` finds exactly the items that break something when removed alone, as
 * probing each alone would, for any system where removing more never hides a fault of what
 * is left; and it needs a few probes per bit of the item count, not one per item.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { singleCulprits, type Probe } from '../../../core/check/culprit-search.js';

/** A system of items where some depend on others, and some break the host when removed. */
interface Model {
  items: string[];
  /** dependent -> the items it needs. */
  needs: Map<string, string[]>;
  /** Items whose removal breaks the host itself. */
  vital: Set<string>;
}

function itemsOf(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `item-${index}`);
}

/** What breaks with `removed` taken away: every remaining dependent missing something. */
function probeOf(model: Model, counter = { probes: 0 }): Probe<string> {
  return async (removed) => {
    counter.probes++;
    const gone = new Set(removed);
    const findings = [...model.vital].filter((item) => gone.has(item)).map(() => 'host');
    for (const [dependent, needs] of model.needs) {
      if (gone.has(dependent)) continue;
      for (const need of needs) if (gone.has(need)) findings.push(`${dependent} misses ${need}`);
    }
    return findings;
  };
}

async function oneByOne(model: Model): Promise<Map<string, string[]>> {
  const probe = probeOf(model);
  const found = new Map<string, string[]>();
  for (const item of model.items) {
    const findings = await probe([item]);
    if (findings.length > 0) found.set(item, findings);
  }
  return found;
}

const models: fc.Arbitrary<Model> = fc
  .integer({ min: 0, max: 70 })
  .chain((count) => {
    const items = itemsOf(count);
    const index = fc.integer({ min: 0, max: Math.max(count - 1, 0) });
    return fc.record({
      items: fc.constant(items),
      edges: fc.array(fc.tuple(index, index), { maxLength: count === 0 ? 0 : 6 }),
      vital: fc.array(index, { maxLength: count === 0 ? 0 : 2 })
    });
  })
  .map(({ items, edges, vital }) => {
    const needs = new Map<string, string[]>();
    for (const [dependent, need] of edges) {
      if (dependent === need) continue;
      needs.set(items[dependent]!, [...(needs.get(items[dependent]!) ?? []), items[need]!]);
    }
    return { items, needs, vital: new Set(vital.map((at) => items[at]!)) };
  });

describe('singleCulprits', () => {
  test('finds what probing each item alone finds, with the same findings, in item order', async () => {
    await fc.assert(
      fc.asyncProperty(models, async (model) => {
        const found = await singleCulprits(model.items, probeOf(model));
        assert.deepEqual([...found], [...(await oneByOne(model))]);
      }),
      { numRuns: 300 }
    );
  });

  test('finds a culprit whose only dependent is its neighbour in the item order', async () => {
    const items = itemsOf(64);
    const model: Model = { items, needs: new Map([['item-41', ['item-40']]]), vital: new Set() };
    const found = await singleCulprits(items, probeOf(model));
    assert.deepEqual([...found], [['item-40', ['item-41 misses item-40']]]);
  });

  test('reports no culprit when only several items removed together break something', async () => {
    const items = itemsOf(32);
    const probe: Probe<string> = async (removed) =>
      removed.includes('item-3') && removed.includes('item-20') ? ['both gone'] : [];
    assert.deepEqual([...(await singleCulprits(items, probe))], []);
  });

  test('probes two groups per bit of the item count when nothing breaks', async () => {
    const counter = { probes: 0 };
    const model: Model = { items: itemsOf(1000), needs: new Map(), vital: new Set() };
    assert.equal((await singleCulprits(model.items, probeOf(model, counter))).size, 0);
    assert.equal(counter.probes, 20);
  });

  test('probes about two groups per bit more for each culprit', async () => {
    const counter = { probes: 0 };
    const items = itemsOf(1000);
    const model: Model = { items, needs: new Map([['item-999', ['item-7']]]), vital: new Set() };
    const found = await singleCulprits(items, probeOf(model, counter));
    assert.deepEqual([...found.keys()], ['item-7']);
    assert.ok(counter.probes <= 20 + 2 * 10 + 10, `${counter.probes} probes`);
  });

  test('probes each item alone when there are too few to group', async () => {
    const counter = { probes: 0 };
    const model: Model = { items: itemsOf(6), needs: new Map(), vital: new Set() };
    await singleCulprits(model.items, probeOf(model, counter));
    assert.equal(counter.probes, 6);
  });
});
