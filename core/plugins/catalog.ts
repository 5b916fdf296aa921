/**
 * The entry-point catalog: everything discovery found, by namespace, without importing
 * anything. Catalogs are cached per process (per set of discovery options) and on disk
 * (see entry-point-cache.ts).
 */
import type { WharfError } from '../errors/wharf-error.js';
import { cacheFileFor, defaultCacheDir, readCache, writeCache } from './entry-point-cache.js';
import type { EntryPoint } from './entry-point.js';
import {
  discover,
  resolveDiscoveryOptions,
  type DiscoveryOptions,
  type DiscoveryResult
} from './discovery.js';

/** Discovery options plus where to keep the on-disk cache. */
export interface CatalogOptions extends DiscoveryOptions {
  /** Folder of the on-disk cache; `null` disables it. Default `~/.cache/wharf`. */
  cacheDir?: string | null;
}

const processCache = new Map<string, Promise<EntryPointCatalog>>();

/** Every entry point of every source, grouped by namespace, in source order. */
export class EntryPointCatalog {
  private readonly byNamespace = new Map<string, EntryPoint[]>();

  /**
   * @param entryPoints all entry points, in source order
   */
  constructor(
    entryPoints: readonly EntryPoint[],
    /** Bad installed or drop-in manifests. */
    readonly problems: readonly WharfError[] = [],
    /** Whether this catalog was read from the on-disk cache. */
    readonly fromDiskCache = false
  ) {
    for (const entryPoint of entryPoints) {
      const list = this.byNamespace.get(entryPoint.namespace) ?? [];
      list.push(entryPoint);
      this.byNamespace.set(entryPoint.namespace, list);
    }
  }

  /**
   * Discovers entry points, or returns this process's catalog for the same options. The
   * on-disk cache is consulted first and rewritten when stale.
   */
  static discover(options: CatalogOptions = {}): Promise<EntryPointCatalog> {
    const resolved = resolveDiscoveryOptions(options);
    const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
    const key = JSON.stringify([resolved, cacheDir]);
    let catalog = processCache.get(key);
    if (!catalog) {
      catalog = load(resolved, cacheDir);
      processCache.set(key, catalog);
      catalog.catch(() => processCache.delete(key));
    }
    return catalog;
  }

  /** Forgets the per-process catalogs (the on-disk cache is unaffected). */
  static clearProcessCache(): void {
    processCache.clear();
  }

  /** A new catalog: this one's entry points and problems, then `entryPoints`. */
  with(entryPoints: readonly EntryPoint[]): EntryPointCatalog {
    const all = this.namespaces().flatMap((namespace) => this.list(namespace));
    return new EntryPointCatalog([...all, ...entryPoints], this.problems, this.fromDiskCache);
  }

  /** The namespaces that have at least one entry point, sorted. */
  namespaces(): string[] {
    return [...this.byNamespace.keys()].sort();
  }

  /** All entry points of a namespace, in source order; nothing is imported. */
  list(namespace: string): EntryPoint[] {
    return [...(this.byNamespace.get(namespace) ?? [])];
  }
}

async function load(
  options: ReturnType<typeof resolveDiscoveryOptions>,
  cacheDir: string | null
): Promise<EntryPointCatalog> {
  const file = cacheDir === null ? null : cacheFileFor(cacheDir, options);
  const cached = file ? await readCache(file) : undefined;
  if (cached) return toCatalog(cached, true);
  const found = await discover(options);
  if (file) await writeCache(file, found);
  return toCatalog(found, false);
}

function toCatalog(result: DiscoveryResult, fromDiskCache: boolean): EntryPointCatalog {
  return new EntryPointCatalog(result.entryPoints, result.problems, fromDiskCache);
}
