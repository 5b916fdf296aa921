/**
 * The package wharf runs from (its root and package.json), for `--version` and for what
 * `wharf new extension` writes (a dev dependency on this very host).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The host package's root folder (dist/core/cli/ is three folders below it), with a slash. */
export const HOST_PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What the commands read of the host's package.json. */
export interface HostPackageJson {
  version: string;
  devDependencies?: Record<string, string>;
}

/** The host's package.json. */
export function hostPackageJson(): HostPackageJson {
  return JSON.parse(readFileSync(`${HOST_PACKAGE_ROOT}package.json`, 'utf8')) as HostPackageJson;
}
