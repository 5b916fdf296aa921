/**
 * The paste pipeline file (etc/api-paste.ini), read into typed sections with
 * paste.deploy's semantics (see docs/pipeline.md):
 * - `[filter:NAME]`, `[app:NAME]`, `[composite:NAME]`: a factory named by `use = NAME`
 *   (an entry point, or another section of the file to inherit from), `use = egg:DIST#NAME`,
 *   `use = call:MODULE:ATTR`, `use = config:FILE#SECTION` or `paste.*_factory = MODULE:ATTR`;
 *   the other keys are its local configuration.
 * - `[pipeline:NAME]`: `pipeline = filter ... filter app`.
 * - `[filter-app:NAME]`: a filter factory and `next = app`.
 * - any section: `filter-with = FILTER`, `set NAME = value`, `get NAME = GLOBAL`.
 * - `[DEFAULT]`: the global configuration, with `here` and `__file__`; every value may use
 *   `%(name)s` (paste-interpolate.ts).
 * A key the section type does not take is an error naming its line, never stored silently.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { PasteConfigError } from '../errors.js';
import { parseIni, readIniFile, type IniSection } from './ini.js';
import { checkPasteConfig } from './paste-check.js';
import { expand, factoryRef, SCHEME, toDraft, type Draft } from './paste-draft.js';
import { pasteError, sectionLabel, type PasteConfig, type PasteSection } from './paste-sections.js';

/** Parses and checks paste text; `file` names it in errors and anchors `%(here)s`. */
export function parsePasteConfig(text: string, file: string): PasteConfig {
  return load(file, () => parseIni(text, file, PasteConfigError));
}

/** Reads, parses and checks a paste file. */
export function loadPasteConfig(file: string): PasteConfig {
  return load(file, () => readIniFile(file, PasteConfigError));
}

function load(file: string, read: () => IniSection[]): PasteConfig {
  const reader = new ScopeReader();
  const scope = reader.read(file, read);
  const config: PasteConfig = {
    file,
    globalConf: scope.defaults,
    sections: scope.sections,
    scopes: new Map([...reader.scopes].map(([name, read]) => [name, read.sections]))
  };
  checkPasteConfig(config);
  return config;
}

interface Scope {
  readonly defaults: Record<string, string>;
  readonly sections: Map<string, PasteSection>;
}

class ScopeReader {
  readonly scopes = new Map<string, Scope>();
  private readonly loading: string[] = [];

  read(file: string, readIni: () => IniSection[]): Scope {
    const known = this.scopes.get(file);
    if (known) return known;
    const absolute = resolve(file);
    const iniSections = readIni();
    const defaultSection = iniSections.find((section) => section.name === 'DEFAULT');
    const rawDefaults: Record<string, string> = {
      here: dirname(absolute),
      __file__: absolute,
      ...Object.fromEntries((defaultSection?.entries ?? []).map((e) => [e.key, e.value]))
    };
    const defaults: Record<string, string> = {};
    for (const [key, value] of Object.entries(rawDefaults)) {
      const line = defaultSection?.entries.find((entry) => entry.key === key)?.line ?? 0;
      defaults[key] = expand(file, line, '[DEFAULT]', value, rawDefaults, rawDefaults);
    }
    const drafts = new Map<string, Draft>();
    for (const ini of iniSections) {
      if (ini.name === 'DEFAULT') continue;
      const draft = toDraft(ini, file, rawDefaults, defaults);
      const first = drafts.get(draft.name);
      if (first) {
        throw pasteError(
          file,
          ini.line,
          `[${ini.name}]`,
          `reuses the name of ${sectionLabel(first)} at line ${first.line}`
        );
      }
      drafts.set(draft.name, draft);
    }
    const scope: Scope = { defaults, sections: new Map() };
    this.scopes.set(file, scope);
    this.loading.push(file);
    for (const draft of drafts.values()) this.resolve(draft, drafts, scope, []);
    this.loading.pop();
    return scope;
  }

  /** Follows `use` to a finished section, inheriting from another section if it names one. */
  private resolve(
    draft: Draft,
    drafts: ReadonlyMap<string, Draft>,
    scope: Scope,
    trail: string[]
  ): PasteSection {
    const done = scope.sections.get(draft.name);
    if (done) return done;
    const fail = (line: number, problem: string): PasteConfigError =>
      pasteError(draft.file, line, sectionLabel(draft), problem);
    const base = {
      name: draft.name,
      line: draft.line,
      file: draft.file,
      scope: draft.file,
      defaults: draft.defaults,
      sets: draft.sets,
      gets: draft.gets,
      filterWith: draft.filterWith
    };
    let section: PasteSection;
    if (draft.kind === 'pipeline') {
      if (!draft.pipeline) throw fail(draft.line, 'is missing "pipeline = filter ... app"');
      section = { ...base, kind: 'pipeline', pipeline: draft.pipeline };
    } else {
      const use = draft.use;
      if (!use)
        throw fail(
          draft.line,
          `is missing "use = <name>" (or "paste.${draft.kind === 'filter-app' ? 'filter' : draft.kind}_factory = module:attr")`
        );
      const inherited = this.inherited(draft, use, drafts, scope, trail, fail);
      if (inherited) section = inherited;
      else {
        const factory = factoryRef(use, fail);
        const common = { ...base, factory, factoryLine: use.line, entries: draft.entries };
        if (draft.kind === 'filter-app') {
          if (!draft.next) throw fail(draft.line, 'is missing "next = <app>"');
          section = { ...common, kind: 'filter-app', next: draft.next };
        } else section = { ...common, kind: draft.kind };
      }
    }
    scope.sections.set(section.name, section);
    return section;
  }

  /** `use = <section>` or `use = config:FILE#SECTION`: the section with this one's keys on top. */
  private inherited(
    draft: Draft,
    use: NonNullable<Draft['use']>,
    drafts: ReadonlyMap<string, Draft>,
    scope: Scope,
    trail: string[],
    fail: (line: number, problem: string) => PasteConfigError
  ): PasteSection | undefined {
    if (use.protocol) return undefined;
    let target: PasteSection;
    const scheme = SCHEME.exec(use.value);
    if (scheme?.[1]!.toLowerCase() === 'config') {
      const [path, name = 'main'] = scheme[2]!.split('#', 2) as [string, string?];
      const file = isAbsolute(path) ? path : resolve(dirname(draft.file), path);
      if (this.loading.includes(file))
        throw fail(use.line, `includes ${file}, which is already being read (an include loop)`);
      const other = this.read(file, () => readIniFile(file, PasteConfigError));
      const found = other.sections.get(name);
      if (!found) throw fail(use.line, `uses ${use.value}, but ${file} has no section "${name}"`);
      target = found;
    } else {
      const sibling = scheme ? undefined : drafts.get(use.value);
      if (!sibling || sibling === draft) return undefined;
      if (trail.includes(sibling.name))
        throw fail(
          use.line,
          `inherits from itself: ${[...trail, draft.name, sibling.name].join(' -> ')}`
        );
      target = this.resolve(sibling, drafts, scope, [...trail, draft.name]);
    }
    const wantsFilter = draft.kind === 'filter' || draft.kind === 'filter-app';
    const isFilter = target.kind === 'filter';
    if (wantsFilter !== isFilter) {
      throw fail(
        use.line,
        `uses ${sectionLabel(target)}, but a ${draft.kind} section can only use ${wantsFilter ? 'a filter' : 'an app, pipeline, composite or filter-app'}`
      );
    }
    const merged = {
      name: draft.name,
      line: draft.line,
      file: draft.file,
      scope: target.scope,
      defaults: { ...target.defaults, ...draft.defaults },
      sets: { ...target.sets, ...draft.sets },
      gets: [...target.gets, ...draft.gets],
      filterWith: [...draft.filterWith, ...target.filterWith]
    };
    if (target.kind === 'pipeline') {
      const extra = draft.entries[0];
      if (extra)
        throw fail(extra.line, `sets "${extra.key}", but the pipeline it uses takes no options`);
      return { ...target, ...merged };
    }
    const own = new Set(draft.entries.map((entry) => entry.key));
    const entries = [...target.entries.filter((entry) => !own.has(entry.key)), ...draft.entries];
    if (draft.kind === 'filter-app' && target.kind === 'filter') {
      if (!draft.next) throw fail(draft.line, 'is missing "next = <app>"');
      return {
        ...target,
        ...merged,
        kind: 'filter-app',
        entries,
        next: draft.next,
        factoryLine: use.line
      };
    }
    return { ...target, ...merged, entries, factoryLine: use.line };
  }
}
