/** The conformance fixtures (tests/fixtures/conformance/), and bad packages written on the fly. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled fixture package `name` (one bad package per finding, and `good`). */
export function conformanceFixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/conformance/${name}`, import.meta.url));
}

/** A copy of the good package with a tsconfig.json and a source file that fails the type check. */
export function givenPackageFailingTypeCheck(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'wharf-type-check-')), 'sprockets');
  cpSync(conformanceFixture('good'), dir, { recursive: true });
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'count.ts'), "export const count: number = 'three';\n");
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', types: [] },
      include: ['src']
    })
  );
  return dir;
}

/** A package whose entry module imports a module with a syntax error on line 2, column 11. */
export function givenPackageWithSyntaxError(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'wharf-syntax-error-')), 'broken');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'broken',
      version: '1.0.0',
      type: 'module',
      wharf: { entryPoints: { 'wharf.api.v21.extensions': { broken: './index.js:Broken' } } }
    })
  );
  writeFileSync(join(dir, 'index.js'), "export { Broken } from './broken.js';\n");
  writeFileSync(join(dir, 'broken.js'), 'export class Broken {}\nconst x = ;\n');
  return dir;
}
