/**
 * Reading one manifest: the project's `entry-points.json` or the `"wharf": { "entryPoints" }`
 * field of a package.json. The shape is `namespace -> name -> "module:export"`; module paths
 * resolve against the manifest's own folder and may not leave it. Any problem is one
 * ManifestError naming the file and the key.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { EntryPointOutsidePackageError, ManifestError } from '../errors/plugin-errors.js';
import { EntryPoint, type EntryPointSource } from './entry-point.js';

const TARGET = /^([^:]+):([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/;

/** Parses a manifest object already read from `source.file`; `root` is the package folder. */
export function parseManifest(data: unknown, root: string, source: EntryPointSource): EntryPoint[] {
  if (!isPlainObject(data)) {
    throw new ManifestError(source.file, 'the manifest must be an object of namespaces');
  }
  const entryPoints: EntryPoint[] = [];
  for (const [namespace, names] of Object.entries(data)) {
    if (!isPlainObject(names)) {
      throw new ManifestError(
        source.file,
        `namespace "${namespace}" must be an object of name: "module:export"`
      );
    }
    for (const [name, target] of Object.entries(names)) {
      entryPoints.push(parseTarget(namespace, name, target, root, source));
    }
  }
  return entryPoints;
}

/** Parses the text of a manifest file (JSON). */
export function parseManifestText(
  text: string,
  root: string,
  source: EntryPointSource
): EntryPoint[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(source.file, `invalid JSON: ${(error as Error).message}`, {
      cause: error
    });
  }
  return parseManifest(data, root, source);
}

function parseTarget(
  namespace: string,
  name: string,
  target: unknown,
  root: string,
  source: EntryPointSource
): EntryPoint {
  const key = `${namespace}.${name}`;
  if (typeof target !== 'string') {
    throw new ManifestError(source.file, `${key} must be a "module:export" string`);
  }
  const match = TARGET.exec(target);
  if (!match || name.length === 0) {
    throw new ManifestError(source.file, `${key} = "${target}" is not of the form "module:export"`);
  }
  const [, modulePart, exportName] = match as unknown as [string, string, string];
  const modulePath = resolve(root, modulePart);
  const inside = relative(root, modulePath);
  if (
    isAbsolute(modulePart) ||
    inside === '' ||
    inside.startsWith(`..${sep}`) ||
    inside === '..' ||
    isAbsolute(inside)
  ) {
    throw new EntryPointOutsidePackageError(source.file, key, target);
  }
  return new EntryPoint(namespace, name, modulePath, exportName, source, target);
}

/** True for `{...}` objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
