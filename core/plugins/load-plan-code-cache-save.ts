/**
 * Writing the code cache of the load plan's form that this process compiled without a usable
 * one (load-plan-code-cache.ts), and removing what interrupted writes left behind.
 *
 * When: not in front of the first requests. V8's `createCachedData()` of the form runs on the
 * main thread (the bench plan's 3.6 MB cache: tens of ms), so a serving process asks for it
 * once it listens (saveLoadPlanCodeCacheWhenIdle) and it runs once the event loop was idle
 * for a moment (core/when-idle.ts), or when the process stops, whichever comes first.
 *
 * How: to a temporary file `x.bundle.code-cache.HOST.PID.tmp` renamed over the cache, so
 * workers starting together each replace the whole file. A process killed while writing
 * leaves its temporary file: each process that ran the form removes, when it gets there,
 * the temporary files of processes of its host that are gone, and any older than
 * `STALE_TEMPORARY_MS` (another host's, on a shared folder). A cache that cannot be written
 * (a read-only folder, another user's) is one warning of the process, naming the file and
 * the error code; start-up is not affected, and each start compiles the form from its source.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { whenIdle } from '../when-idle.js';
import { compiledLoadPlanForm, type CacheHeader } from './load-plan-code-cache.js';
import { sha256 } from './sha256.js';

/** Past this age a temporary file of another host is stale (a write takes well under 1 s). */
export const STALE_TEMPORARY_MS = 10 * 60 * 1000;

/** What receives the warning of a cache that cannot be written. */
export type CodeCacheWarn = (message: string) => void;

let saving: Promise<boolean> | undefined;

/**
 * Writes the code cache now, unless this process already did or is doing it: resolves true
 * when it wrote one, false when there was none to write (no form run, or its cache was
 * used) or it could not be written (`warn` was told). Removes stale temporary files first.
 */
export function saveLoadPlanCodeCache(warn: CodeCacheWarn = () => undefined): Promise<boolean> {
  saving ??= save(warn);
  return saving;
}

/**
 * Writes the code cache once the event loop was idle for a moment (call it once listening);
 * call saveLoadPlanCodeCache at stop as well, for a process stopped before it was idle.
 */
export function saveLoadPlanCodeCacheWhenIdle(warn: CodeCacheWarn = () => undefined): void {
  if (compiledLoadPlanForm() === undefined) return;
  whenIdle(() => void saveLoadPlanCodeCache(warn));
}

/** The temporary file process `pid` of `host` writes the cache `file` to. */
export function temporaryCodeCacheFile(file: string, host: string, pid: number): string {
  return `${file}.${host}.${pid}.tmp`;
}

async function save(warn: CodeCacheWarn): Promise<boolean> {
  const compiled = compiledLoadPlanForm();
  if (compiled === undefined) return false;
  removeStaleTemporaries(compiled.file);
  if (!compiled.unsaved) return false;
  const code = compiled.script.createCachedData();
  const header: CacheHeader = {
    form: compiled.form,
    code: sha256(code),
    node: process.version,
    v8: process.versions.v8
  };
  const temporary = temporaryCodeCacheFile(compiled.file, hostname(), process.pid);
  try {
    await writeFile(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), code]));
    await rename(temporary, compiled.file);
    return true;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    warn(
      `cannot write the code cache of the load plan's bundle to ${compiled.file} (${reason}): ` +
        `each start compiles the bundle's CommonJS form from its source; let the workers ` +
        `write to that folder, or write the load plan where they can`
    );
    return false;
  }
}

/** Removes the temporary files beside `file` that no running writer owns. */
function removeStaleTemporaries(file: string): void {
  const folder = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const host = hostname();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    // `HOST.PID`; session 16 wrote `PID` alone, on this host.
    const owner = /^(?:(.+)\.)?(\d+)$/.exec(name.slice(prefix.length, -'.tmp'.length));
    if (owner === null) continue;
    const path = join(folder, name);
    const ownHost = owner[1] === undefined || owner[1] === host;
    if (ownHost ? isRunning(Number(owner[2])) : !isOlderThan(path, STALE_TEMPORARY_MS)) continue;
    try {
      rmSync(path, { force: true });
    } catch {
      // Another user's file: left to its owner.
    }
  }
}

/** True while process `pid` of this host runs (another user's included). */
function isRunning(pid: number): boolean {
  // This process writes only after removing: a file of its PID is an earlier process's.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isOlderThan(path: string, ms: number): boolean {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat !== undefined && Date.now() - stat.mtimeMs > ms;
}
