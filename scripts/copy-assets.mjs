// Copies the non-TypeScript files the compiled tree needs into dist/: the project manifest
// (module paths in it resolve against its own folder, which is the compiled output), the
// paste and config defaults, the templates of `wharf new`, and the test and chaos fixtures'
// manifests and plain-JavaScript packages.
import { cpSync, existsSync } from 'node:fs';

const copies = [
  ['entry-points.json', 'dist/entry-points.json'],
  ['etc', 'dist/etc'],
  ['templates', 'dist/templates'],
  ['tests/fixtures', 'dist/tests/fixtures'],
  ['chaos/fixtures', 'dist/chaos/fixtures']
];
const notTypeScript = (path) => !/\.ts$/.test(path) || path.endsWith('.d.ts');

for (const [from, to] of copies) {
  if (existsSync(from)) cpSync(from, to, { recursive: true, filter: notTypeScript });
}
