/**
 * The on-disk entry-point cache, like stevedore's: one JSON file per set of discovery
 * options, holding what discovery found and the mtime of every file and folder it read.
 * It is used only while every one of those mtimes is unchanged, and rebuilt otherwise. A
 * cache folder that cannot be written (read-only, no permission) is silently skipped.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { wharfCacheDir } from '../cache-dir.js';
import { join } from 'node:path';
import { WharfError } from '../errors/wharf-error.js';
import { EntryPoint, type SerializedEntryPoint } from './entry-point.js';
import type { DiscoveryOptions, DiscoveryResult } from './discovery.js';

const FORMAT = 1;

interface CacheFile {
  format: number;
  stamps: Record<string, number>;
  entryPoints: SerializedEntryPoint[];
  problems: { code: string; message: string }[];
}

/** The default cache folder: `$XDG_CACHE_HOME/wharf` or `~/.cache/wharf`. */
export function defaultCacheDir(): string {
  return wharfCacheDir();
}

/** The cache file for one set of (resolved) discovery options. */
export function cacheFileFor(cacheDir: string, options: Required<DiscoveryOptions>): string {
  const key = createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 32);
  return join(cacheDir, `entry-points-${key}.json`);
}

/** Reads a cache file; undefined when it is missing, corrupt or stale. */
export async function readCache(file: string): Promise<DiscoveryResult | undefined> {
  let cached: CacheFile;
  try {
    cached = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
  } catch {
    return undefined;
  }
  if (cached.format !== FORMAT || !stampsMatch(cached.stamps)) return undefined;
  return {
    entryPoints: cached.entryPoints.map((data) => EntryPoint.fromJSON(data)),
    problems: cached.problems.map((problem) => new WharfError(problem.code, problem.message)),
    stamps: cached.stamps
  };
}

/** Writes a cache file atomically; any failure to write is ignored. */
export async function writeCache(file: string, result: DiscoveryResult): Promise<boolean> {
  const data: CacheFile = {
    format: FORMAT,
    stamps: result.stamps,
    entryPoints: result.entryPoints.map((entryPoint) => entryPoint.toJSON()),
    problems: result.problems.map(({ code, message }) => ({ code, message }))
  };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(temporary, JSON.stringify(data));
    await rename(temporary, file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether every recorded mtime is unchanged. Synchronous on purpose: a project's stamps are
 * one per installed package (hundreds), and a `stat` promise each cost the command line more
 * than the stats themselves (thread-pool round trips and garbage); it stops at the first
 * change.
 */
function stampsMatch(stamps: Record<string, number>): boolean {
  for (const path in stamps) if (mtimeOf(path) !== stamps[path]) return false;
  return true;
}

/** A file's or folder's mtime, or -1 when it is missing or cannot be read. */
function mtimeOf(path: string): number {
  try {
    return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  } catch {
    return -1;
  }
}
