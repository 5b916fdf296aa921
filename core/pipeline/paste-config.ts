/**
 * The paste pipeline file (etc/api-paste.ini), read into typed sections. Four section
 * types, as paste.deploy had them:
 * - `[filter:NAME]` and `[app:NAME]`: `use = <entry point>` names a factory in
 *   `wharf.filters` / `wharf.apps`; the other keys are its local configuration.
 * - `[pipeline:NAME]`: `pipeline = filter ... filter app`.
 * - `[composite:NAME]` with `use = urlmap` (`/path = target` lines) or `use = auth_pipeline`
 *   (`strategy = filter ... app` lines, one chosen by `[api] auth_strategy`).
 * `[DEFAULT]` is the global configuration every factory receives.
 *
 * Section names share one namespace, so a reference names exactly one section. The whole
 * file is checked when it is read (see paste-check.ts), not only what one target reaches.
 */
import { PasteConfigError } from '../errors.js';
import { entriesToRecord, parseIni, readIniFile, type IniEntry, type IniSection } from './ini.js';
import { checkPasteConfig } from './paste-check.js';
import {
  pasteError,
  sectionLabel,
  SECTION_KINDS,
  type PasteConfig,
  type PasteSection,
  type PipelineSpec,
  type UrlMapTarget
} from './paste-sections.js';
import { normalizePrefix } from './urlmap.js';

/** Parses and checks paste text; `file` names it in errors. */
export function parsePasteConfig(text: string, file: string): PasteConfig {
  return fromIni(parseIni(text, file, PasteConfigError), file);
}

/** Reads, parses and checks a paste file. */
export function loadPasteConfig(file: string): PasteConfig {
  return fromIni(readIniFile(file, PasteConfigError), file);
}

function fromIni(iniSections: readonly IniSection[], file: string): PasteConfig {
  let globalConf: Record<string, string> = {};
  const sections = new Map<string, PasteSection>();
  for (const ini of iniSections) {
    if (ini.name === 'DEFAULT') {
      globalConf = entriesToRecord(ini.entries);
      continue;
    }
    const section = toSection(ini, file);
    const first = sections.get(section.name);
    if (first) {
      throw pasteError(
        file,
        ini.line,
        `[${ini.name}]`,
        `reuses the name of ${sectionLabel(first)} at line ${first.line}`
      );
    }
    sections.set(section.name, section);
  }
  const config: PasteConfig = { file, globalConf, sections };
  checkPasteConfig(config);
  return config;
}

function toSection(ini: IniSection, file: string): PasteSection {
  const colon = ini.name.indexOf(':');
  const kind = ini.name.slice(0, Math.max(colon, 0)).trim();
  const name = ini.name.slice(colon + 1).trim();
  const label = `[${ini.name}]`;
  if (!(SECTION_KINDS as readonly string[]).includes(kind)) {
    const expected = SECTION_KINDS.map((known) => `[${known}:NAME]`).join(', ');
    throw pasteError(
      file,
      ini.line,
      label,
      `has an unknown section type; expected one of ${expected} or [DEFAULT]`
    );
  }
  if (name === '') throw pasteError(file, ini.line, label, 'has no name');
  const base = { name, line: ini.line };
  const fail = (line: number, problem: string): PasteConfigError =>
    pasteError(file, line, label, problem);

  if (kind === 'pipeline') {
    const extra = ini.entries.find((entry) => entry.key !== 'pipeline');
    if (extra)
      throw fail(extra.line, `has unknown key "${extra.key}"; a pipeline holds only "pipeline"`);
    const entry = ini.entries.find((candidate) => candidate.key === 'pipeline');
    if (!entry) throw fail(ini.line, 'is missing "pipeline = filter ... app"');
    return { ...base, kind, pipeline: pipelineSpec(entry, fail) };
  }

  const use = ini.entries.find((entry) => entry.key === 'use');
  if (!use || use.value === '') throw fail(use?.line ?? ini.line, 'is missing "use = <name>"');
  const rest = ini.entries.filter((entry) => entry.key !== 'use');
  if (kind === 'filter' || kind === 'app') {
    return { ...base, kind, use: use.value, useLine: use.line, localConf: entriesToRecord(rest) };
  }
  if (use.value === 'urlmap')
    return { ...base, kind: 'composite', use: 'urlmap', mappings: urlmapTargets(rest, fail) };
  if (use.value === 'auth_pipeline') {
    if (rest.length === 0) throw fail(use.line, 'defines no "strategy = filter ... app" line');
    const pipelines = new Map(rest.map((entry) => [entry.key, pipelineSpec(entry, fail)]));
    return { ...base, kind: 'composite', use: 'auth_pipeline', pipelines };
  }
  throw fail(
    use.line,
    `has unknown composite type "${use.value}"; expected urlmap or auth_pipeline`
  );
}

type Fail = (line: number, problem: string) => PasteConfigError;

function pipelineSpec(entry: IniEntry, fail: Fail): PipelineSpec {
  const names = entry.value.split(/\s+/).filter((name) => name !== '');
  if (names.length === 0) throw fail(entry.line, `has an empty pipeline "${entry.key}"`);
  return { names, line: entry.line };
}

function urlmapTargets(entries: readonly IniEntry[], fail: Fail): UrlMapTarget[] {
  const targets: UrlMapTarget[] = [];
  for (const { key: path, value: target, line } of entries) {
    if (!path.startsWith('/')) throw fail(line, `has urlmap path "${path}"; paths start with /`);
    if (!/^\S+$/.test(target)) throw fail(line, `maps ${path} to "${target}"; expected one name`);
    const prefix = normalizePrefix(path);
    const twin = targets.find((other) => other.prefix === prefix);
    if (twin) throw fail(line, `maps ${path}, the same path as ${twin.path} at line ${twin.line}`);
    targets.push({ prefix, path, target, line });
  }
  return targets;
}
