import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { globSync } from 'glob';

const root = new URL('../../../', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, root), 'utf8');

/** The one file that declares each prefix's codes. */
const DECLARING: Record<string, string> = {
  WHARF: 'core/errors/codes.ts',
  COMPUTE: 'extensions/compute/errors.ts'
};

/** Codes of a prefix as the code writes them (string literals) or the docs (backticks). */
function codesIn(text: string, prefix: string, quote: string): string[] {
  const pattern = new RegExp(`${quote}(${prefix}_[A-Z_]+[A-Z])${quote}`, 'g');
  return [...new Set([...text.matchAll(pattern)].map((match) => match[1]!))].sort();
}

test('docs/errors.md lists exactly the error codes core/errors/codes.ts declares', () => {
  const declared = codesIn(read(DECLARING.WHARF!), 'WHARF', "'");
  assert.ok(declared.length > 10, 'expected to find the error codes in core/errors/codes.ts');
  assert.deepEqual(declared, codesIn(read('docs/errors.md'), 'WHARF', '`'));
});

test('the compute README lists exactly the codes extensions/compute/errors.ts declares', () => {
  const declared = codesIn(read(DECLARING.COMPUTE!), 'COMPUTE', "'");
  assert.ok(declared.length > 10, 'expected to find the compute error codes');
  assert.deepEqual(declared, codesIn(read('extensions/compute/README.md'), 'COMPUTE', '`'));
});

test('no code is written as a string outside the file that declares it', () => {
  // WHARF_ codes: anywhere in core or the extensions (classes name them through CODES);
  // COMPUTE_ codes: at a throw site (`code: '...'`, `super('...'`).
  const stray = globSync('{core,extensions}/**/*.ts', { cwd: root })
    .filter((file) => !Object.values(DECLARING).includes(file))
    .flatMap((file) => {
      const text = read(file);
      const wharf = codesIn(text, 'WHARF', "'");
      const compute = [...text.matchAll(/(?:code:\s*|super\()'(COMPUTE_[A-Z_]+)'/g)].map(
        (match) => match[1]!
      );
      return [...wharf, ...compute].map((code) => `${file}: ${code}`);
    });
  assert.deepEqual(stray, []);
});
