/**
 * Where an import failed: the first stack frame inside the failing package (a throw while a
 * module evaluates), or, for a syntax error (whose stack on Node 20 shows only Node's own
 * frames), the file:line:column Node prints when the same import fails in a fresh process.
 * When the package ships source maps, the position is the author's (`src/file.ts:line:col`),
 * not the compiled `.js` one (source-location.ts). A file inside the package is named
 * relative to the package folder. Only import failures pay for any of this, never a
 * successful load.
 */
import { spawnSync } from 'node:child_process';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { originalPosition, type SourcePosition } from './source-location.js';

const FRAME = /(?:\(|\s)((?:file:\/\/)?\/[^\s()]+):(\d+):(\d+)\)?$/;
const HOOK = new URL('./register-wharf-hook.js', import.meta.url);

/**
 * `file:line:column` of the failure of importing `modulePath` (in `packageDir`), through the
 * source map when there is one; the module path itself when no position is known.
 */
export function importLocation(error: unknown, packageDir: string, modulePath: string): string {
  const position =
    firstFrameInside(error, packageDir) ??
    (error instanceof SyntaxError ? syntaxErrorPosition(modulePath) : null);
  if (!position) return modulePath;
  const { file, line, column } = originalPosition(position);
  return `${isInside(file, packageDir) ? relative(packageDir, file) : file}:${line}:${column}`;
}

function firstFrameInside(error: unknown, packageDir: string): SourcePosition | null {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const file = match[1]!.startsWith('file:') ? fileURLToPath(match[1]!) : match[1]!;
    if (isInside(file, packageDir)) return { file, line: +match[2]!, column: +match[3]! };
  }
  return null;
}

function syntaxErrorPosition(modulePath: string): SourcePosition | null {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      HOOK.href,
      '--input-type=module',
      '-e',
      `import ${JSON.stringify(pathToFileURL(modulePath).href)};`
    ],
    { encoding: 'utf8', timeout: 15_000 }
  );
  const lines = (child.stderr ?? '').split('\n');
  const at = lines.findIndex((line) => /^file:\/\/\S+:\d+$/.test(line));
  if (at < 0) return null;
  const [, url, line] = /^(file:\/\/\S+):(\d+)$/.exec(lines[at]!)!;
  const caret = (lines[at + 2] ?? '').indexOf('^');
  return { file: fileURLToPath(url!), line: +line!, column: caret < 0 ? 1 : caret + 1 };
}

function isInside(file: string, dir: string): boolean {
  const inside = relative(dir, file);
  return (
    inside !== '' && !inside.startsWith(`..${sep}`) && !inside.split(sep).includes('node_modules')
  );
}
