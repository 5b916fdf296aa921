/**
 * From a compiled file's position back to the author's: when a `.js` file ends with a
 * `//# sourceMappingURL=` comment (what `tsc` writes with `"sourceMap": true`, a `.js.map`
 * beside it, or `"inlineSourceMap"`, a data URL), the map says which line of which `.ts`
 * produced the position. Node's own `SourceMap` reads the map, so no parser is bundled; the
 * map is read only when an import has already failed.
 */
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A position in a file; line and column count from 1, as stack traces print them. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

const MAPPING_URL = /\/\/[#@] sourceMappingURL=(\S+)\s*$/;
const INLINE_MAP = /^data:application\/json;(?:charset=utf-8;)?base64,(.+)$/i;

/**
 * The original position of `position` according to its file's source map, or `position`
 * itself when the file has no map, the map cannot be read, or it maps nothing there.
 */
export function originalPosition(position: SourcePosition): SourcePosition {
  const found = sourceMapOf(position.file);
  if (!found) return position;
  const entry = found.map.findEntry(position.line - 1, position.column - 1);
  if (!('originalSource' in entry) || typeof entry.originalSource !== 'string') return position;
  return {
    file: resolveSource(found.dir, found.map.payload.sourceRoot ?? '', entry.originalSource),
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1
  };
}

function sourceMapOf(file: string): { map: SourceMap; dir: string } | null {
  try {
    const tail = readFileSync(file, 'utf8').slice(-4096);
    const url = MAPPING_URL.exec(tail)?.[1];
    if (!url) return null;
    const inline = INLINE_MAP.exec(url)?.[1];
    const mapFile = inline ? file : resolve(dirname(file), decodeURIComponent(url));
    const text = inline
      ? Buffer.from(inline, 'base64').toString('utf8')
      : readFileSync(mapFile, 'utf8');
    return { map: new SourceMap(JSON.parse(text) as SourceMapPayload), dir: dirname(mapFile) };
  } catch {
    return null;
  }
}

function resolveSource(mapDir: string, sourceRoot: string, source: string): string {
  if (source.startsWith('file:')) return fileURLToPath(source);
  const joined = sourceRoot ? `${sourceRoot.replace(/\/?$/, '/')}${source}` : source;
  if (joined.startsWith('file:')) return fileURLToPath(joined);
  return isAbsolute(joined) ? joined : resolve(mapDir, joined);
}
