/**
 * wharf's configuration, as oslo.config was nova's: typed options declared in groups (wharf's
 * own and each plugin's, held by the option registry), read from wharf.conf, the environment
 * and command-line flags, in that order of precedence over the defaults. Every value is
 * checked where it is read, and an error names its source (file and line, variable, or
 * flag) and the option, with the closest known name when it looks like a typo.
 *
 * Each API in `[DEFAULT] enabled_apis` (a paste composite) listens on its own address:
 * `[wsgi] <api>_listen` and `<api>_listen_port`, falling back to `[wsgi] host` and `port`;
 * with `[api] auth_strategy = noauth2` and no address set anywhere, on 127.0.0.1.
 */
import { ConfigError } from '../errors.js';
import { PER_API_OPTIONS, type OptionSpec } from './config-options.js';
import { fromEnv, fromFile, fromOverrides, type Assignment } from './config-sources.js';
import { parseValue, type ValueRule } from '../option-value.js';
import type { CORE_OPTIONS } from './core-options.js';
import type { SectionsOf } from '../option-group.js';
import { OptionRegistry } from './option-registry.js';
import { closestName } from './suggest.js';

/** The typed sections of wharf's own options; a plugin reads its own with `GROUP.of(config)`. */
export type ConfigSections = SectionsOf<typeof CORE_OPTIONS.specs>;

/** Where one API listens. */
export interface ListenAddress {
  /** The address (`0.0.0.0`, `127.0.0.1`, `::`). */
  readonly host: string;
  /** The port; 0 picks a free one. */
  readonly port: number;
}

/** The loaded configuration: typed sections plus each enabled API's listen address. */
export type WharfConfig = ConfigSections & {
  /** Listen address of each API in `[DEFAULT] enabled_apis`; see `listenAddressFor`. */
  readonly listen: Readonly<Record<string, ListenAddress>>;
};

/** Where to read configuration from; every source is optional. */
export interface LoadConfigOptions {
  /** wharf.conf; without it the defaults (plus environment and flags) apply. */
  file?: string;
  /** Environment to read `WHARF_<SECTION>__<OPTION>` from; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Command-line overrides keyed `section.option`, e.g. `{ 'wsgi.port': '9000' }`. */
  overrides?: Readonly<Record<string, string>>;
  /** The options to accept; default wharf's own (see `loadHostConfig` for plugins' too). */
  registry?: OptionRegistry;
}

/** One option of a loaded configuration: its value and where the value came from. */
export interface ConfigSetting {
  /** The section of wharf.conf. */
  readonly section: string;
  /** The option's name within it. */
  readonly name: string;
  /** The group that declares it: `wharf`, or a plugin's name. */
  readonly group: string;
  /** Its value, read and checked. */
  readonly value: SettingValue;
  /** "default", "FILE:LINE", "environment variable NAME" or "flag section.option". */
  readonly source: string;
  /** The value is a secret: never print it. */
  readonly secret: boolean;
}

/** The value of one setting, as read and checked. */
export type SettingValue = string | number | boolean | readonly string[];

interface Setting {
  readonly value: SettingValue;
  /** "default", "FILE:LINE", "environment variable NAME" or "flag section.option". */
  readonly source: string;
}

// Symbol.for: a configuration loaded by one copy of wharf lists in another.
const SETTINGS = Symbol.for('wharf.config.settings');
const PER_API_BY_LENGTH = [...PER_API_OPTIONS].sort((a, b) => b.suffix.length - a.suffix.length);
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);
/** Where an API listens under `noauth2` when the operator named no address. */
export const NOAUTH_DEFAULT_HOST = '127.0.0.1';

/**
 * Loads and checks the configuration: defaults < file < environment < overrides. Only the
 * registry's options are accepted (wharf's own by default); anything else is an error.
 */
export function loadConfig(options: LoadConfigOptions = {}): WharfConfig {
  return load(options.registry ?? OptionRegistry.core(), options, false);
}

/**
 * Reads wharf's own options and passes over the rest: what `loadHostConfig` needs to find
 * the plugins whose options it then checks everything against.
 */
export function loadCoreConfigLeniently(options: LoadConfigOptions): WharfConfig {
  return load(OptionRegistry.core(), options, true);
}

/** Every option of a loaded configuration with its value and source, in registry order. */
export function configSettings(config: WharfConfig): readonly ConfigSetting[] {
  return (config as unknown as Record<symbol, readonly ConfigSetting[]>)[SETTINGS] ?? [];
}

function load(registry: OptionRegistry, options: LoadConfigOptions, lenient: boolean): WharfConfig {
  const settings = new Map<string, Setting>(
    registry
      .list()
      .map(({ spec }) => [
        `${spec.section}.${spec.name}`,
        { value: spec.default, source: 'default' }
      ])
  );
  const checkSection = (section: string, where: string): void => {
    if (!lenient) registry.checkSection(section, where, (name) => sectionHint(registry, name));
  };
  const perApi: Assignment[] = [];
  const assignments = [
    ...(options.file === undefined ? [] : fromFile(options.file, checkSection)),
    ...fromEnv(options.env ?? process.env),
    ...fromOverrides(options.overrides ?? {})
  ];
  for (const assignment of assignments) {
    const { section, option, source } = assignment;
    checkSection(section, source);
    const known = registry.get(section, option);
    if (known)
      settings.set(`${section}.${option}`, { value: read(known.spec, assignment), source });
    else if (section === 'wsgi' && perApiOption(option)) perApi.push(assignment);
    else if (!lenient) {
      throw new ConfigError(
        `${source}: unknown option [${section}] ${option}${optionHint(registry, assignment)}`
      );
    }
  }
  checkCombinations(settings);
  return freeze(registry, settings, listenAddresses(settings, perApi));
}
/** Where `apiName` listens; a ConfigError if it is not in `[DEFAULT] enabled_apis`. */
export function listenAddressFor(config: WharfConfig, apiName: string): ListenAddress {
  const address = config.listen[apiName];
  if (!address) {
    const enabled = config.DEFAULT.enabled_apis.join(', ');
    throw new ConfigError(`API "${apiName}" is not in [DEFAULT] enabled_apis (${enabled})`);
  }
  return address;
}

function sectionHint(registry: OptionRegistry, section: string): string {
  const near = closestName(section, registry.sections());
  return near === undefined ? '' : `; did you mean [${near}]?`;
}

function optionHint(registry: OptionRegistry, { section, option, kind }: Assignment): string {
  const near = closestName(option, registry.namesIn(section));
  if (near === undefined) return '';
  if (kind !== 'env') return `; did you mean ${near}?`;
  return `; did you mean WHARF_${section.toUpperCase()}__${near.toUpperCase()}?`;
}

function read(rule: ValueRule & Pick<OptionSpec, 'secret'>, assignment: Assignment): SettingValue {
  const parsed = parseValue(rule, assignment.text, assignment.baseDir);
  if (parsed.ok) return parsed.value;
  const shown = rule.secret ? '(hidden)' : JSON.stringify(assignment.text);
  throw new ConfigError(
    `${assignment.source}: [${assignment.section}] ${assignment.option} = ${shown}: ${parsed.problem}`
  );
}

function perApiOption(
  option: string
): { api: string; spec: (typeof PER_API_OPTIONS)[number] } | null {
  const spec = PER_API_BY_LENGTH.find(
    ({ suffix }) => option.endsWith(suffix) && option.length > suffix.length
  );
  return spec ? { api: option.slice(0, -spec.suffix.length), spec } : null;
}

function checkCombinations(settings: ReadonlyMap<string, Setting>): void {
  const get = (key: string): Setting => settings.get(key)!;
  const apis = get('DEFAULT.enabled_apis');
  const names = apis.value as readonly string[];
  if (names.length === 0) throw new ConfigError(`${apis.source}: [DEFAULT] enabled_apis is empty`);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw new ConfigError(`${apis.source}: [DEFAULT] enabled_apis lists "${twice}" twice`);

  const min = get('api.min_version');
  const max = get('api.max_version');
  const [minMajor, minMinor] = (min.value as string).split('.').map(Number) as [number, number];
  const [maxMajor, maxMinor] = (max.value as string).split('.').map(Number) as [number, number];
  if (minMajor > maxMajor || (minMajor === maxMajor && minMinor > maxMinor)) {
    throw new ConfigError(
      `${max.source}: [api] max_version ${String(max.value)} is below min_version ${String(min.value)} (${min.source})`
    );
  }
}

function listenAddresses(
  settings: ReadonlyMap<string, Setting>,
  perApi: readonly Assignment[]
): Record<string, ListenAddress & { source: string }> {
  const apis = settings.get('DEFAULT.enabled_apis')!.value as readonly string[];
  const host = settings.get('wsgi.host')!;
  const port = settings.get('wsgi.port')!;
  // noauth2 believes any claimed identity, admin included: off this machine only on request.
  const noauth = settings.get('api.auth_strategy')!.value === 'noauth2';
  const own = new Map<string, Setting>();
  for (const assignment of perApi) {
    const { api, spec } = perApiOption(assignment.option)!;
    if (!apis.includes(api)) {
      throw new ConfigError(
        `${assignment.source}: unknown option [wsgi] ${assignment.option} ("${api}" is not in [DEFAULT] enabled_apis)`
      );
    }
    own.set(assignment.option, { value: read(spec, assignment), source: assignment.source });
  }

  const addresses: Record<string, ListenAddress & { source: string }> = {};
  for (const api of apis) {
    const apiHost = own.get(`${api}_listen`) ?? host;
    const apiPort = own.get(`${api}_listen_port`) ?? port;
    const address = {
      host:
        noauth && apiHost.source === 'default' ? NOAUTH_DEFAULT_HOST : (apiHost.value as string),
      port: apiPort.value as number,
      source: apiPort.source
    };
    const clash = Object.entries(addresses).find(([, other]) => sameAddress(address, other));
    if (clash) {
      throw new ConfigError(
        `${address.source}: APIs "${clash[0]}" and "${api}" both listen on ${address.host}:${address.port}` +
          ` (set [wsgi] ${api}_listen_port; the other port comes from ${clash[1].source})`
      );
    }
    addresses[api] = address;
  }
  return addresses;
}

function sameAddress(a: ListenAddress, b: ListenAddress): boolean {
  if (a.port !== b.port || a.port === 0) return false;
  return a.host === b.host || WILDCARD_HOSTS.has(a.host) || WILDCARD_HOSTS.has(b.host);
}

function freeze(
  registry: OptionRegistry,
  settings: ReadonlyMap<string, Setting>,
  addresses: Record<string, ListenAddress & { source: string }>
): WharfConfig {
  const sections: Record<string, Record<string, SettingValue>> = {};
  const listing: ConfigSetting[] = [];
  for (const { spec, group } of registry.list()) {
    const { value, source } = settings.get(`${spec.section}.${spec.name}`)!;
    const frozen = Array.isArray(value) ? Object.freeze([...value]) : value;
    (sections[spec.section] ??= {})[spec.name] = frozen;
    listing.push(
      Object.freeze({
        section: spec.section,
        name: spec.name,
        group: group.name,
        value: frozen,
        source,
        secret: spec.secret === true
      })
    );
  }
  for (const section of Object.values(sections)) Object.freeze(section);
  const listen = Object.fromEntries(
    Object.entries(addresses).map(([api, { host, port }]) => [api, Object.freeze({ host, port })])
  );
  const config = { ...sections, listen: Object.freeze(listen) };
  Object.defineProperty(config, SETTINGS, { value: Object.freeze(listing) });
  return Object.freeze(config) as unknown as WharfConfig;
}
