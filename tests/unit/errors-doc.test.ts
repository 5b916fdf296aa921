import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { globSync } from 'glob';

const root = new URL('../../../', import.meta.url);

/** Codes as the code writes them (string literals) and the docs (backticks). */
function codesIn(text: string, quote: string): Set<string> {
  const pattern = new RegExp(`${quote}(WHARF_[A-Z_]+[A-Z])${quote}`, 'g');
  return new Set([...text.matchAll(pattern)].map((match) => match[1]!));
}

test('docs/errors.md lists exactly the error codes the code raises', () => {
  const sources = globSync('core/**/*.ts', { cwd: root });
  const inCode = new Set<string>();
  for (const file of sources) {
    for (const code of codesIn(readFileSync(new URL(file, root), 'utf8'), "'")) inCode.add(code);
  }
  const inDocs = codesIn(readFileSync(new URL('docs/errors.md', root), 'utf8'), '`');
  assert.ok(inCode.size > 10, 'expected to find the error codes in core/');
  assert.deepEqual([...inCode].sort(), [...inDocs].sort());
});
