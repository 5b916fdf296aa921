/**
 * Writes a template folder (files named `*.tmpl`, under dist/templates/) into a new folder:
 * each file loses its `.tmpl` suffix (`gitignore.tmpl` becomes `.gitignore`, which npm
 * would not ship under its own name) and every `{{key}}` is replaced by its value. A
 * placeholder without a value is a bug in the template, and fails before anything is written.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** Renders `templateDir` into `targetDir`; returns the written paths, relative and sorted. */
export function renderTemplate(
  templateDir: string,
  targetDir: string,
  values: Readonly<Record<string, string>>
): string[] {
  const files = (
    readdirSync(templateDir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]
  )
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tmpl'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  const rendered = files.map((file) => {
    const text = readFileSync(file, 'utf8').replace(PLACEHOLDER, (whole, key: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`${file}: no value for ${whole}`);
      return value;
    });
    const name = relative(templateDir, file)
      .replace(/\.tmpl$/, '')
      .replace(/(^|\/)gitignore$/, '$1.gitignore');
    return { name, text };
  });
  for (const { name, text } of rendered) {
    mkdirSync(dirname(join(targetDir, name)), { recursive: true });
    writeFileSync(join(targetDir, name), text);
  }
  return rendered.map(({ name }) => name).sort();
}
