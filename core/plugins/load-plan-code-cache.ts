/**
 * Running a load plan's bundle from its CommonJS form (load-plan-form.ts) with V8's code cache
 * of it: Node 20 has no compile cache for ES modules, and on Node 24 this start costs less CPU
 * than importing the ES bundle from Node's compile cache (docs/performance.md).
 *
 * The cache lives beside the plan, `x.bundle.code-cache` next to `x.bundle.cjs`: one JSON line
 * (the SHA-256 of the form it was made from, of the code that follows, and the Node and V8
 * versions) then V8's cached data. V8 checks cached data only against the source's length and
 * its own version and flags, so the line is checked before V8 is handed the data: a missing,
 * truncated, changed or foreign cache, or one V8 rejects (`cachedDataRejected`), is not used
 * and the form is compiled from its source; it never stops start-up. The process that served
 * writes the cache again later (load-plan-code-cache-save.ts), so it holds what start-up
 * compiled.
 */
import { readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { FORM_PARAMETERS, type LoadPlanForm } from './load-plan-form.js';
import { sha256 } from './sha256.js';

/** The header line of a cache file. */
export interface CacheHeader {
  form: string;
  code: string;
  node: string;
  v8: string;
}

/** The form this process compiled, and whether its cache must be written (none usable). */
export interface CompiledLoadPlanForm {
  script: Script;
  /** The cache file (loadPlanCodeCacheFile). */
  file: string;
  /** The SHA-256 of the form. */
  form: string;
  /** True when it was compiled without a usable cache. */
  unsaved: boolean;
}

let compiled: CompiledLoadPlanForm | undefined;

/** The form runLoadPlanForm compiled in this process, if any. */
export function compiledLoadPlanForm(): CompiledLoadPlanForm | undefined {
  return compiled;
}

/** Where the code cache of `form` lives: `x.bundle.cjs` -> `x.bundle.code-cache`. */
export function loadPlanCodeCacheFile(form: LoadPlanForm): string {
  return form.file.replace(/\.cjs$/, '.code-cache');
}

/**
 * Imports what `form` requires, compiles it (from its code cache when that is whole and
 * V8 accepts it) and runs it: the bundle's exports. The form's content must have been proved
 * to have the plan's digest.
 */
export async function runLoadPlanForm(
  form: LoadPlanForm,
  bundleFile: string
): Promise<Record<string, unknown>> {
  const handedIn = new Map<string, unknown>();
  for (const href of form.imports) handedIn.set(href, esModuleView(await import(href)));
  const base = pathToFileURL(bundleFile);
  const builtins = createRequire(base);
  const require = (specifier: string): unknown => {
    if (isBuiltin(specifier)) return builtins(specifier) as unknown;
    const href = /^\.\.?\//.test(specifier) ? new URL(specifier, base).href : specifier;
    // A form that requires anything else was refused when the plan was written.
    return handedIn.get(href);
  };
  const importChunk = (href: string): Promise<unknown> => import(href);
  const file = loadPlanCodeCacheFile(form);
  const cachedData = readCodeCache(file, form.digest);
  const script = new Script(readFileSync(form.file, 'utf8'), { filename: form.file, cachedData });
  const unsaved = cachedData === undefined || script.cachedDataRejected === true;
  compiled = { script, file, form: form.digest, unsaved };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as Record<string, unknown> };
  const args = { exports: module.exports, require, module, __wharfImport: importChunk };
  run(...FORM_PARAMETERS.map((name) => args[name]));
  return module.exports;
}

/** The cached data in `file` when it is whole and made from the form `form`; else undefined. */
function readCodeCache(file: string, form: string): Buffer | undefined {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    return undefined;
  }
  const end = content.indexOf(0x0a);
  if (end === -1) return undefined;
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(content.subarray(0, end).toString('utf8')) as Partial<CacheHeader>;
  } catch {
    return undefined;
  }
  const code = content.subarray(end + 1);
  const whole =
    header.form === form &&
    header.node === process.version &&
    header.v8 === process.versions.v8 &&
    header.code === sha256(code);
  return whole ? code : undefined;
}

/**
 * An ES module's namespace as esbuild's CommonJS code takes it: marked `__esModule`, so that
 * its default import is the module's `default` export, each export read live.
 */
function esModuleView(namespace: Record<string, unknown>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  Object.defineProperty(view, '__esModule', { value: true });
  for (const name of Object.keys(namespace)) {
    Object.defineProperty(view, name, { enumerable: true, get: () => namespace[name] });
  }
  return view;
}
