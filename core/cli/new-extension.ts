/**
 * `wharf new extension NAME [--dir DIR]`: writes a complete drop-in package from the
 * templates in dist/templates/extension (package.json with the entry point, `wharf` as a
 * peer dependency and as a dev dependency on this very host, tsconfig.json, src/ with a
 * resource, an action, a post-processor and schemas, a test on `wharf/testing`, README).
 * NAME is the package name, the alias and the collection; the folder (default ./NAME) must
 * not exist or be empty: nothing is ever overwritten.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ExtensionNameError, TargetNotEmptyError } from '../errors.js';
import { HOST_PACKAGE_ROOT, hostPackageJson } from './host-package.js';
import { renderTemplate } from './render-template.js';

const TEMPLATE = fileURLToPath(new URL('../../templates/extension/', import.meta.url));
const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_NAME = 50;

/** Adds `extension` to the `new` command. */
export function registerNewCommand(create: Command): void {
  create
    .command('extension <name>')
    .description('write a drop-in extension package (folder ./NAME unless --dir)')
    .option('--dir <dir>', 'the folder to write (must not exist, or be empty)')
    .action((name: string, options: { dir?: string }) => {
      const dir = resolve(options.dir ?? name);
      const files = newExtension(name, dir);
      process.stdout.write(
        `created ${dir}: ${files.join(', ')}\n` +
          `next: cd ${dir} && npm install && npm test && npx wharf check --strict --dropin .\n`
      );
    });
}

/** Writes the extension package `name` into `dir`; returns the files written. */
export function newExtension(name: string, dir: string): string[] {
  checkName(name);
  checkTarget(dir);
  const host = hostPackageJson();
  return renderTemplate(TEMPLATE, dir, {
    name,
    className: name
      .split('-')
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join(''),
    wharfVersion: host.version,
    wharfSpec: `file:${HOST_PACKAGE_ROOT.replace(/\/$/, '')}`,
    typescriptVersion: host.devDependencies?.typescript ?? '~5.9.3',
    typesNodeVersion: host.devDependencies?.['@types/node'] ?? '^20.19.0'
  });
}

function checkName(name: string): void {
  if (name.length > MAX_NAME) throw new ExtensionNameError(name, `at most ${MAX_NAME} characters`);
  if (!NAME.test(name)) {
    throw new ExtensionNameError(
      name,
      'use lowercase letters, digits and single hyphens, starting with a letter (e.g. "my-widgets")'
    );
  }
}

function checkTarget(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new TargetNotEmptyError(dir, 'is a file');
  if (readdirSync(dir).length > 0) throw new TargetNotEmptyError(dir, 'is not empty');
}
