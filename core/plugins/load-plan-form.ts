/**
 * The CommonJS form of a load plan's bundle (`x.bundle.cjs` beside `x.bundle.mjs`): the same
 * code as one function that Node compiles with `vm.Script`, so that V8's code cache of it can
 * be kept in a file (load-plan-code-cache.ts) where Node has no compile cache for ES modules
 * (Node 20). esbuild transforms the ES bundle; the function takes:
 * - `require`: the bundle's static imports (wharf's root, the shared chunks, packages), each
 *   imported before the function runs and handed in by its specifier; Node's builtins;
 * - `__wharfImport`: the bundle's `import()` of its lazy chunks (and of a package it leaves
 *   out), rewritten to this function by URL (a `vm.Script` on Node 20 cannot `import()`).
 * The form is refused, and the ES bundle imported instead, when any other `import()` or
 * `import.meta` remains in it: the plan records why.
 */
import { writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { LoadPlanBundleError } from '../errors.js';
import { sha256 } from './sha256.js';

/** What a load plan records of its bundle's CommonJS form. */
export interface LoadPlanForm {
  /** The form's absolute path. */
  file: string;
  /** The SHA-256 of its content: an edited form is refused, and binds its code cache. */
  digest: string;
  /** The URLs its `require` is handed (not Node's builtins), in the order the bundle imports them. */
  imports: string[];
}

/** A form the plan does not have, and why (the ES bundle is imported). */
export interface RefusedLoadPlanForm {
  refused: string;
}

/** The parameters of the form's function, in order. */
export const FORM_PARAMETERS = ['exports', 'require', 'module', '__wharfImport'] as const;

/**
 * Writes the CommonJS form of the ES bundle `bundleFile` (its `code` and esbuild's
 * `metafile` of the build) beside it and returns what the plan records of it, or why it is
 * refused; throws LoadPlanBundleError when the form cannot be written.
 */
export async function writeLoadPlanForm(
  bundleFile: string,
  code: string,
  metafile: Metafile
): Promise<LoadPlanForm | RefusedLoadPlanForm> {
  const output = metafile.outputs[bundleFile.slice(1)];
  if (output === undefined) return { refused: 'esbuild did not describe the bundle' };
  const imports: string[] = [];
  let source = code;
  for (const { path, kind, external } of output.imports) {
    const href = external === true ? path : pathToFileURL(resolve('/', path)).href;
    if (kind === 'import-statement') {
      if (!isBuiltin(path)) imports.push(href);
    } else if (kind === 'dynamic-import') {
      const written = external === true ? path : `./${basename(path)}`;
      source = source.split(`import(${JSON.stringify(written)})`).join(`__wharfImport("${href}")`);
    }
  }
  const { transform } = await import('esbuild');
  const { code: commonjs, warnings } = await transform(source, {
    format: 'cjs',
    platform: 'node',
    // Not `.mjs`: esbuild then takes a namespace's `default` as the module's default export.
    sourcefile: '<load-plan-bundle>',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(bundleFile).href) },
    legalComments: 'inline',
    logLevel: 'silent'
  });
  if (
    warnings.some(({ id }) => id === 'empty-import-meta') ||
    /\bimport\s*\.\s*meta\b/.test(commonjs)
  ) {
    return { refused: 'import.meta remains in the bundle' };
  }
  if (/\bimport\s*\(/.test(commonjs)) {
    return { refused: 'an import() other than of its chunks remains in the bundle' };
  }
  const base = pathToFileURL(bundleFile);
  for (const [, specifier] of commonjs.matchAll(/\brequire\("([^"]+)"\)/g)) {
    const href = /^\.\.?\//.test(specifier) ? new URL(specifier!, base).href : specifier!;
    if (!isBuiltin(href) && !imports.includes(href)) {
      return { refused: `it requires ${specifier}, which esbuild did not list` };
    }
  }
  const text = `(function (${FORM_PARAMETERS.join(', ')}) {"use strict";\n${commonjs}\n})`;
  const file = bundleFile.replace(/\.mjs$/, '.cjs');
  try {
    writeFileSync(file, text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new LoadPlanBundleError(file, `cannot write it: ${reason}`, { cause: error });
  }
  return { file, digest: sha256(text), imports: [...new Set(imports)] };
}
