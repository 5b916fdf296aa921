/**
 * The three places an option value comes from, each read into the same shape with a label
 * saying exactly where it came from, so that any later error can name it:
 * - wharf.conf: "FILE:LINE";
 * - the environment, `WHARF_<SECTION>__<OPTION>`: "environment variable NAME";
 * - command-line overrides, `{ 'section.option': value }`: "flag section.option".
 */
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { readIniFile } from '../pipeline/ini.js';

/** One `[section] option = text` from one source. */
export interface Assignment {
  readonly section: string;
  readonly option: string;
  readonly text: string;
  /** Where it came from, for error messages. */
  readonly source: string;
  /** Which kind of source: a "did you mean" is phrased the way that source names options. */
  readonly kind: 'file' | 'env' | 'flag';
  /** Folder relative paths resolve against: the file's own, or the working directory. */
  readonly baseDir: string;
}

/** Reads wharf.conf; `checkSection` may fail a section at its header line ("FILE:LINE"). */
export function fromFile(
  file: string,
  checkSection: (section: string, where: string) => void
): Assignment[] {
  const baseDir = dirname(resolve(file));
  const assignments: Assignment[] = [];
  for (const section of readIniFile(file, ConfigError)) {
    checkSection(section.name, `${file}:${section.line}`);
    for (const entry of section.entries) {
      assignments.push({
        section: section.name,
        option: entry.key,
        text: entry.value,
        source: `${file}:${entry.line}`,
        kind: 'file',
        baseDir
      });
    }
  }
  return assignments;
}

/** `WHARF_<SECTION>__<OPTION>` variables; others (no `__`, e.g. WHARF_LOG_LEVEL) are not options. */
export function fromEnv(env: Readonly<Record<string, string | undefined>>): Assignment[] {
  const assignments: Assignment[] = [];
  for (const [name, text] of Object.entries(env)) {
    if (!name.startsWith('WHARF_') || text === undefined) continue;
    const split = name.indexOf('__', 6);
    if (split === -1) continue;
    const section = name.slice(6, split);
    const option = name.slice(split + 2).toLowerCase();
    if (section === '' || option === '') {
      throw new ConfigError(`environment variable ${name}: expected WHARF_<SECTION>__<OPTION>`);
    }
    assignments.push({
      section: section.toUpperCase() === 'DEFAULT' ? 'DEFAULT' : section.toLowerCase(),
      option,
      text: text.trim(),
      source: `environment variable ${name}`,
      kind: 'env',
      baseDir: process.cwd()
    });
  }
  return assignments;
}

/** Command-line overrides keyed `section.option`. */
export function fromOverrides(overrides: Readonly<Record<string, string>>): Assignment[] {
  return Object.entries(overrides).map(([key, text]) => {
    const split = key.indexOf('.');
    if (split <= 0 || split === key.length - 1) {
      throw new ConfigError(`flag ${key}: expected SECTION.OPTION, e.g. wsgi.port`);
    }
    return {
      section: key.slice(0, split),
      option: key.slice(split + 1),
      text: text.trim(),
      source: `flag ${key}`,
      kind: 'flag' as const,
      baseDir: process.cwd()
    };
  });
}
