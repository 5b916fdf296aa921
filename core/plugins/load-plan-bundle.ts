/**
 * The bundle of a load plan: ONE ES module (esbuild) holding every entry-point module of the
 * plan that belongs to an extension, with the relative imports it reaches, so that
 * `wharf serve --load-plan` imports one file instead of one per extension.
 *
 * What is bundled and what is not (a module must exist once per process):
 * - a file is bundled only when it lies in an extension's own folder (the package folder of
 *   an installed or drop-in entry point, the folder of the project manifest), outside every
 *   `node_modules` folder below it and outside wharf's own `core` folder (the bundled
 *   extensions reach wharf's core by relative paths: core is never copied);
 * - every other import stays an import of its own file: a bare specifier (a package, `wharf`)
 *   is resolved now, from the importing file and with Node's conditions, to its file URL (so
 *   the bundle shares the host's instances wherever it is written); `wharf` that the
 *   importer cannot resolve is the host's own, as the resolve hook would give it; Node's
 *   builtins stay as they are;
 * - an entry-point module that is not an ES module by Node's rule (`.cjs`, a `.js` in a
 *   package that is not `"type": "module"`) is left out and imported by its path, as without
 *   a plan.
 * A file reached both from the bundle and by its own path elsewhere (a module of an
 * extension folder that wharf's core or an unbundled module imports) would exist twice:
 * extension folders must keep to the rule above, which the bundled extensions do.
 *
 * Each entry-point module is wrapped lazily: the bundle exports one function per module
 * (`m0`, `m1`...) that runs the module's top-level code on its first call and returns its
 * exports, so a module runs when its entry point is loaded, as `import()` would, and a
 * module that throws fails its own entry point only. A bundled file reached only through
 * `import()` goes, with what only it imports, into a chunk of its own beside the bundle
 * (`x.bundle-HASH.mjs`, esbuild's code splitting; code shared with the bundle goes into
 * a shared chunk), imported when that `import()` runs: in one file its imports of packages
 * would be hoisted and run at start-up (the compute storage's Kysely and better-sqlite3:
 * about 280 modules). `import.meta.url`, `.filename` and
 * `.dirname` of a bundled file keep naming the file itself. A module with top-level
 * `await` cannot be wrapped: the bundle is then refused (LoadPlanBundleError).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOptions, ImportKind, Plugin, PluginBuild } from 'esbuild';
import { LoadPlanBundleError } from '../errors.js';
import type { SerializedEntryPoint } from './entry-point.js';
import {
  writeLoadPlanForm,
  type LoadPlanForm,
  type RefusedLoadPlanForm
} from './load-plan-form.js';
import { isEsModuleFile } from './module-format.js';
import { sha256 } from './sha256.js';

/** What a load plan records of its bundle. */
export interface LoadPlanBundle {
  /** The bundle's absolute path. */
  file: string;
  /** The SHA-256 of the bundle's content: a hand-edited bundle is refused. */
  digest: string;
  /** The Node version that wrote it: bare imports were resolved with its conditions. */
  node: string;
  /** Each bundled entry-point module (absolute path) -> the bundle's export that loads it. */
  modules: Record<string, string>;
  /** Each chunk beside the bundle (absolute path) -> the SHA-256 of its content. */
  chunks: Record<string, string>;
  /** Every file esbuild read (absolute path) -> the SHA-256 of its content. */
  inputs: Record<string, string>;
  /** The bundle's CommonJS form (load-plan-form.ts), or why it has none. */
  form: LoadPlanForm | RefusedLoadPlanForm;
}

/** wharf's own core folder: never bundled (the extensions share the host's). */
const HOST_CORE = fileURLToPath(new URL('../', import.meta.url));

/** Marks the resolutions this plugin asks esbuild for itself. */
const OWN_RESOLVE = Symbol('load-plan-bundle');

/**
 * Bundles the extension modules of `entryPoints` into `file` (a `.mjs` path) and its chunks
 * and returns what the plan records of them; throws LoadPlanBundleError when esbuild cannot
 * build them.
 */
export async function writeLoadPlanBundle(
  file: string,
  entryPoints: readonly SerializedEntryPoint[]
): Promise<LoadPlanBundle> {
  const roots = extensionRoots(entryPoints);
  const bundled = (path: string): boolean => isBundledFile(path, roots);
  const modules: Record<string, string> = {};
  for (const { modulePath } of entryPoints) {
    if (!(modulePath in modules) && bundled(modulePath) && isEsModuleFile(modulePath)) {
      modules[modulePath] = `m${Object.keys(modules).length}`;
    }
  }
  const esbuild = await import('esbuild');
  let result;
  try {
    result = await esbuild.build(bundleOptions(file, modules, bundled));
  } catch (error) {
    throw new LoadPlanBundleError(file, describeBuildFailure(error), { cause: error });
  }
  let digest = '';
  let code = '';
  const chunks: Record<string, string> = {};
  for (const output of result.outputFiles!) {
    try {
      writeFileSync(output.path, output.contents);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new LoadPlanBundleError(output.path, `cannot write it: ${reason}`, { cause: error });
    }
    if (output.path === file) {
      digest = sha256(output.contents);
      code = output.text;
    } else chunks[output.path] = sha256(output.contents);
  }
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile!.inputs)) {
    if (input.startsWith('<')) continue; // the generated entry, not a file
    const path = resolve('/', input);
    inputs[path] = sha256(readFileSync(path));
  }
  const form = await writeLoadPlanForm(file, code, result.metafile!);
  return { file, digest, node: process.version, modules, chunks, inputs, form };
}

/**
 * The esbuild options of the bundle `file` exporting each of `modules` under its key, its
 * chunks beside it named after it (`x.bundle.mjs` -> `x.bundle-HASH.mjs`).
 */
function bundleOptions(
  file: string,
  modules: Record<string, string>,
  bundled: (path: string) => boolean
): BuildOptions & { write: false; metafile: true } {
  const name = basename(file).replace(/\.mjs$/, '');
  const contents = Object.entries(modules)
    .map(([path, key]) => `export function ${key}() { return require(${JSON.stringify(path)}); }`)
    .join('\n');
  return {
    stdin: { contents, resolveDir: '/', sourcefile: '<load-plan-entry>', loader: 'js' },
    absWorkingDir: '/',
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    splitting: true,
    outdir: dirname(file),
    entryNames: name,
    chunkNames: `${name}-[hash]`,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    // Node's own resolution: no `module` field or condition, `module-sync` where Node has it.
    mainFields: ['main'],
    conditions: nodeHasRequireModule() ? ['module-sync'] : [],
    // Node reads no tsconfig.json: its `paths` must not redirect an import.
    tsconfigRaw: {},
    keepNames: true,
    logLevel: 'silent',
    legalComments: 'inline',
    // A bundled CommonJS file's require() of a package it leaves out.
    banner: {
      js: "import { createRequire as __wharfCreateRequire } from 'node:module';\nconst require = __wharfCreateRequire(import.meta.url);"
    },
    plugins: [externalsPlugin(bundled)]
  };
}

/** Keeps every file that is not an extension's own (and every package) out of the bundle. */
function externalsPlugin(bundled: (path: string) => boolean): Plugin {
  return {
    name: 'wharf-load-plan-externals',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === OWN_RESOLVE || args.kind === 'entry-point') return undefined;
        const bare = !args.path.startsWith('.') && !isAbsolute(args.path);
        if (bare && isBuiltin(args.path)) return { path: args.path, external: true };
        const found = await ownResolve(build, args.path, args.kind, args.resolveDir);
        if (found === undefined) return undefined; // esbuild reports it
        if (!bare && bundled(found)) return { path: found };
        return { path: external(found, args.kind), external: true };
      });
      build.onLoad({ filter: /\.[cm]?js$/ }, (args) => withOwnImportMeta(args.path));
    }
  };
}

/**
 * What `specifier` names from `resolveDir`; `wharf` the importer lacks is the host's (this
 * module resolving `wharf` is the host package's self-reference).
 */
async function ownResolve(
  build: PluginBuild,
  specifier: string,
  kind: ImportKind,
  resolveDir: string
): Promise<string | undefined> {
  const found = await build.resolve(specifier, { kind, resolveDir, pluginData: OWN_RESOLVE });
  if (found.errors.length === 0) return found.path;
  if (specifier !== 'wharf' && !specifier.startsWith('wharf/')) return undefined;
  return fileURLToPath(import.meta.resolve(specifier));
}

/** How the bundle imports a file it leaves out: its URL, or its path for `require()`. */
function external(path: string, kind: string): string {
  return kind === 'require-call' || kind === 'require-resolve' ? path : pathToFileURL(path).href;
}

/** A file's content with its `import.meta.url`, `.filename` and `.dirname` naming it. */
async function withOwnImportMeta(
  path: string
): Promise<{ contents: string; loader: 'js' } | undefined> {
  const text = readFileSync(path, 'utf8');
  if (!text.includes('import.meta')) return undefined;
  const { transform } = await import('esbuild');
  const define = {
    'import.meta.url': JSON.stringify(pathToFileURL(path).href),
    'import.meta.filename': JSON.stringify(path),
    'import.meta.dirname': JSON.stringify(dirname(path))
  };
  const { code } = await transform(text, {
    define,
    loader: 'js',
    sourcefile: path,
    logLevel: 'silent'
  });
  return { contents: code, loader: 'js' };
}

/** The folders whose files may be bundled: each extension package's, the project manifest's. */
function extensionRoots(entryPoints: readonly SerializedEntryPoint[]): string[] {
  return [...new Set(entryPoints.map(({ source }) => dirname(source.file)))];
}

/** True for a file inside an extension root, outside node_modules below it and wharf's core. */
function isBundledFile(path: string, roots: readonly string[]): boolean {
  if (inside(path, HOST_CORE)) return false;
  return roots.some((root) => {
    if (!inside(path, root)) return false;
    return !relative(root, path).split(sep).includes('node_modules');
  });
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
}

/** True when this Node loads ES modules with require() (and so resolves `module-sync`). */
function nodeHasRequireModule(): boolean {
  return (process.features as { require_module?: boolean }).require_module === true;
}

function describeBuildFailure(error: unknown): string {
  const errors = (error as { errors?: { text: string; location?: { file: string } | null }[] })
    .errors;
  const first = errors?.[0];
  if (first === undefined) return `cannot bundle the extension modules: ${String(error)}`;
  const where = first.location ? ` (in ${resolve('/', first.location.file)})` : '';
  return `cannot bundle the extension modules: ${first.text}${where}`;
}
