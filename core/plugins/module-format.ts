/**
 * Node's rule for whether a file is an ES module: `.mjs` is, `.cjs` is not, and a `.js` is
 * when the nearest package.json above it says `"type": "module"`.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** True when Node loads `path` as an ES module. */
export function isEsModuleFile(path: string): boolean {
  const extension = extname(path);
  if (extension === '.mjs') return true;
  if (extension !== '.js') return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const type = packageType(join(dir, 'package.json'));
    if (type !== undefined) return type === 'module';
    if (dirname(dir) === dir) return false;
  }
}

/** The `type` of a package.json (`commonjs` when it has none), or undefined when there is none. */
function packageType(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const type = (JSON.parse(text) as { type?: unknown }).type;
    return type === 'module' ? 'module' : 'commonjs';
  } catch {
    return 'commonjs';
  }
}
