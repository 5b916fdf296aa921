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

/** How `givenCompiledPackageThatThrows` compiles: with a `.js.map` beside each file, or none. */
export type SourceMaps = 'files' | 'none';

/**
 * A drop-in package `flywheels`, compiled by the TypeScript compiler from `src/` into
 * `dist/`, whose `src/sizes.ts` throws while it is imported: `new RangeError` on line 6,
 * column 9 of the TypeScript source (further down, and left, in the compiled `.js`).
 */
export async function givenCompiledPackageThatThrows(maps: SourceMaps = 'files'): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'wharf-source-map-')), 'flywheels');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'flywheels',
      version: '1.0.0',
      type: 'module',
      wharf: {
        entryPoints: { 'wharf.api.v21.extensions': { flywheels: './dist/index.js:Flywheels' } }
      }
    })
  );
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    rootDir: 'src',
    outDir: 'dist',
    strict: true,
    sourceMap: maps === 'files',
    types: []
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  writeFileSync(
    join(dir, 'src', 'sizes.ts'),
    [
      '/** Sizes read from the environment when the module is imported. */',
      'interface Sizes { flywheel: number }',
      'const configured: Partial<Sizes> = {};',
      "export const flywheel: number = configured.flywheel ?? missing('flywheel');",
      'function missing(what: string): never {',
      '  throw new RangeError(`${what} size is not configured`);',
      '}',
      ''
    ].join('\n')
  );
  writeFileSync(
    join(dir, 'src', 'index.ts'),
    "export { flywheel } from './sizes.js';\n/** Never loads. */\nexport class Flywheels {}\n"
  );
  const ts = (await import('typescript')).default;
  const { options } = ts.convertCompilerOptionsFromJson(compilerOptions, dir);
  const program = ts.createProgram(
    [join(dir, 'src', 'index.ts'), join(dir, 'src', 'sizes.ts')],
    options
  );
  const emitted = program.emit();
  if (emitted.emitSkipped) throw new Error(`the flywheels fixture did not compile in ${dir}`);
  return dir;
}
