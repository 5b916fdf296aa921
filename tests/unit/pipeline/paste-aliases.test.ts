import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ALIAS_NAMESPACES, KIND_NAMESPACES } from '../../../core/pipeline/types.js';

const MANIFEST = JSON.parse(
  readFileSync(new URL('../../../../entry-points.json', import.meta.url), 'utf8')
) as Record<string, Record<string, string>>;
const DOC = readFileSync(new URL('../../../../docs/pipeline.md', import.meta.url), 'utf8');

describe('the paste alias table', () => {
  for (const kind of ['filter', 'app', 'composite'] as const) {
    test(`points every ${kind} alias at a factory of ${KIND_NAMESPACES[kind]}`, () => {
      const own = new Set(Object.values(MANIFEST[KIND_NAMESPACES[kind]] ?? {}));
      const aliases = Object.entries(MANIFEST[ALIAS_NAMESPACES[kind]] ?? {});
      assert.ok(aliases.length > 0);
      const astray = aliases.filter(([, target]) => !own.has(target)).map(([name]) => name);
      assert.deepEqual(astray, []);
    });
  }

  test('documents every alias in docs/pipeline.md', () => {
    const undocumented = Object.values(ALIAS_NAMESPACES)
      .flatMap((namespace) => Object.keys(MANIFEST[namespace] ?? {}))
      .filter((name) => !DOC.includes(`\`${name}\``))
      .filter((name) => !DOC.includes(`\`call:${name}\``));
    assert.deepEqual(undocumented, []);
  });
});

describe("the bundled factories' options", () => {
  for (const namespace of [KIND_NAMESPACES.filter, KIND_NAMESPACES.app]) {
    test(`every factory of ${namespace} lists the options it takes`, async () => {
      const silent: string[] = [];
      for (const [name, target] of Object.entries(MANIFEST[namespace] ?? {})) {
        const [module, attr] = target.split(':') as [string, string];
        const loaded = (await import(
          new URL(`../../../${module}`, import.meta.url).href
        )) as Record<string, { options?: readonly string[] }>;
        if (!Array.isArray(loaded[attr]?.options)) silent.push(name);
      }
      assert.deepEqual(silent, []);
    });
  }
});
