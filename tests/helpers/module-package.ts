/** A one-file ES module package written into a folder's node_modules, for fixtures. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes package `name` (type module, main index.js holding `source`) under `dir`/node_modules. */
export function givenModulePackage(dir: string, name: string, source: string): void {
  const folder = join(dir, 'node_modules', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name, type: 'module', main: 'index.js' })
  );
  writeFileSync(join(folder, 'index.js'), source);
}
