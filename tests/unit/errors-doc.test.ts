import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { globSync } from 'glob';

const root = new URL('../../../', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, root), 'utf8');

/** Codes of a prefix as the code writes them (string literals) or the docs (backticks). */
function codesIn(text: string, prefix: string, quote: string): string[] {
  const pattern = new RegExp(`${quote}(${prefix}_[A-Z_]+[A-Z])${quote}`, 'g');
  return [...new Set([...text.matchAll(pattern)].map((match) => match[1]!))].sort();
}

test('docs/errors.md lists exactly the error codes core/errors.ts declares', () => {
  const declared = codesIn(read('core/errors.ts'), 'WHARF', "'");
  assert.ok(declared.length > 10, 'expected to find the error codes in core/errors.ts');
  assert.deepEqual(declared, codesIn(read('docs/errors.md'), 'WHARF', '`'));
});

test('the compute README lists exactly the codes extensions/compute/errors.ts declares', () => {
  const declared = codesIn(read('extensions/compute/errors.ts'), 'COMPUTE', "'");
  assert.ok(declared.length > 10, 'expected to find the compute error codes');
  assert.deepEqual(declared, codesIn(read('extensions/compute/README.md'), 'COMPUTE', '`'));
});

test('no error code is made up at a throw site: each is declared in its errors.ts', () => {
  const declaring = new Set(['core/errors.ts', 'extensions/compute/errors.ts']);
  const stray = globSync('{core,extensions}/**/*.ts', { cwd: root })
    .filter((file) => !declaring.has(file))
    .flatMap((file) =>
      [...read(file).matchAll(/(?:code:\s*|super\()'((?:WHARF|COMPUTE)_[A-Z_]+)'/g)].map(
        (match) => `${file}: ${match[1]}`
      )
    );
  assert.deepEqual(stray, []);
});
