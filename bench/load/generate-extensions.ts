/**
 * Writes a folder of trivial extensions for the load-extensions benchmark: `count` plain
 * ESM modules, each exporting one small class, and an `entry-points.json` declaring them
 * all in one namespace. The folder also holds `{"type": "module"}` so Node reads the
 * modules as ESM wherever the folder is.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The namespace the generated extensions are declared in. */
export const LOAD_NAMESPACE = 'wharf.bench.load';

/** Where a generated set lives. */
export interface GeneratedExtensions {
  dir: string;
  manifest: string;
  count: number;
}

/** The source of extension number `index`. */
export function extensionSource(index: number): string {
  const name = extensionName(index);
  return [
    `export class ${className(index)} {`,
    `  constructor() {`,
    `    this.name = '${name}';`,
    `    this.calls = 0;`,
    `  }`,
    `  describe() {`,
    `    this.calls += 1;`,
    `    return \`extension \${this.name}\`;`,
    `  }`,
    `}`,
    ''
  ].join('\n');
}

/** Writes `count` extensions and their manifest into `dir` (created if missing). */
export async function generateExtensions(dir: string, count: number): Promise<GeneratedExtensions> {
  await mkdir(dir, { recursive: true });
  const entries: Record<string, string> = {};
  const writes: Promise<void>[] = [];
  for (let index = 0; index < count; index++) {
    const name = extensionName(index);
    entries[name] = `./${name}.js:${className(index)}`;
    writes.push(writeFile(join(dir, `${name}.js`), extensionSource(index)));
  }
  const manifest = join(dir, 'entry-points.json');
  writes.push(writeFile(manifest, JSON.stringify({ [LOAD_NAMESPACE]: entries }, null, 2)));
  writes.push(writeFile(join(dir, 'package.json'), '{ "type": "module" }\n'));
  await Promise.all(writes);
  return { dir, manifest, count };
}

function extensionName(index: number): string {
  return `ext${String(index).padStart(4, '0')}`;
}

function className(index: number): string {
  return `Extension${String(index).padStart(4, '0')}`;
}
