/**
 * The INI reader shared by the paste pipeline file and wharf.conf. It keeps sections and
 * entries in file order with their line numbers, so every later check (unknown option, bad
 * value, unknown pipeline name) can point at the line to fix.
 *
 * Hand-written on purpose: the `ini` package returns plain objects and loses line numbers,
 * and Python's configparser rules (which paste.deploy files rely on) are small enough to
 * follow here:
 * - `[name]` starts a section; `[DEFAULT]` is an ordinary section the callers give meaning.
 * - `key = value` or `key: value`; the first `=` or `:` splits, so values may hold either.
 * - Lines starting with `#` or `;` (after optional indentation) are comments; there are no
 *   inline comments, so `#` inside a value is kept.
 * - A line indented deeper than the entry above it continues that entry's value (joined
 *   with a newline), as paste's long `pipeline =` lines do. A blank line ends the value.
 */
import { readFileSync } from 'node:fs';

/** One `key = value` entry. */
export interface IniEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line of the key. */
  readonly line: number;
}

/** One `[name]` section with its entries in file order. */
export interface IniSection {
  readonly name: string;
  /** 1-based line of the `[name]` header. */
  readonly line: number;
  readonly entries: readonly IniEntry[];
}

/** The caller's error class: it receives "FILE:LINE: problem". */
export type IniErrorClass = new (message: string, options?: { cause?: unknown }) => Error;

interface OpenEntry {
  key: string;
  value: string;
  line: number;
  indent: number;
}

interface OpenSection {
  name: string;
  line: number;
  entries: OpenEntry[];
}

const COMMENT = /^[#;]/;
const HEADER = /^\[(.*)\]$/;

/** Parses INI text; `file` names the source in error messages. */
export function parseIni(text: string, file: string, ErrorClass: IniErrorClass): IniSection[] {
  function fail(line: number, problem: string): never {
    throw new ErrorClass(`${file}:${line}: ${problem}`);
  }
  const sections: OpenSection[] = [];
  let current: OpenSection | undefined;
  let continuable: OpenEntry | undefined;

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') {
      continuable = undefined;
      continue;
    }
    if (COMMENT.test(trimmed)) continue;
    const indent = raw.length - raw.trimStart().length;
    if (continuable && indent > continuable.indent) {
      continuable.value = continuable.value === '' ? trimmed : `${continuable.value}\n${trimmed}`;
      continue;
    }
    const header = HEADER.exec(trimmed);
    if (header) {
      const name = header[1]!.trim();
      if (name === '') fail(line, 'empty section name');
      const first = sections.find((section) => section.name === name);
      if (first) fail(line, `duplicate section [${name}] (first at line ${first.line})`);
      current = { name, line, entries: [] };
      sections.push(current);
      continuable = undefined;
      continue;
    }
    const split = trimmed.search(/[=:]/);
    if (split === -1)
      fail(line, `expected "key = value" or a [section] header, found "${trimmed}"`);
    const key = trimmed.slice(0, split).trim();
    if (key === '') fail(line, `line without a key: "${trimmed}"`);
    if (!current) fail(line, `entry "${key}" before any [section] header`);
    const first = current.entries.find((entry) => entry.key === key);
    if (first) {
      fail(line, `duplicate key "${key}" in [${current.name}] (first at line ${first.line})`);
    }
    continuable = { key, value: trimmed.slice(split + 1).trim(), line, indent };
    current.entries.push(continuable);
  }

  return sections.map(({ name, line, entries }) => ({
    name,
    line,
    entries: entries.map(({ key, value, line: entryLine }) => ({ key, value, line: entryLine }))
  }));
}

/** Reads and parses an INI file; an unreadable file is an error of the caller's class. */
export function readIniFile(file: string, ErrorClass: IniErrorClass): IniSection[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ErrorClass(`${file}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  return parseIni(text, file, ErrorClass);
}

/** The entries of a section as a plain object (keys are unique, so nothing is lost). */
export function entriesToRecord(entries: readonly IniEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
}
