/**
 * The on-disk entry-point cache, like stevedore's: one JSON file per set of discovery
 * options, holding what discovery found and the mtime of every file and folder it read.
 * It is used only while every one of those mtimes is unchanged, and rebuilt otherwise. A
 * cache folder that cannot be written (read-only, no permission) is silently skipped.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { WharfError } from '../errors.js';
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
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'wharf');
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
  if (cached.format !== FORMAT || !(await stampsMatch(cached.stamps))) return undefined;
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

async function stampsMatch(stamps: Record<string, number>): Promise<boolean> {
  const checks = Object.entries(stamps).map(async ([path, mtime]) => {
    try {
      return (await stat(path)).mtimeMs === mtime;
    } catch {
      return mtime === -1;
    }
  });
  return (await Promise.all(checks)).every(Boolean);
}
