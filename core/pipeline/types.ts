/**
 * The contract between the paste-style pipeline and the factories it builds from. Filter,
 * app and composite factories are entry points (namespaces `wharf.filters`, `wharf.apps`
 * and `wharf.composites`), so an extension package can contribute middleware the same way
 * it contributes API resources. Python dotted names (`paste.filter_factory = a.b:C.factory`,
 * `use = call:a.b:f`) resolve through the alias namespaces `wharf.paste.*_factory`.
 */
import type { RequestHandler } from 'express';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from '../logger.js';

/** What a factory receives: paste's global and local configuration plus host services. */
export interface FactoryContext {
  /** `[DEFAULT]` values of the paste file (with `here` and `__file__`), plus `set` overrides. */
  globalConf: Readonly<Record<string, string>>;
  /** The factory's own section values (minus `use`, `set`, `filter-with`...). */
  localConf: Readonly<Record<string, string>>;
  /** The host container: resolve the API router, configuration, database from it. */
  container: DependencyContainer;
  /** The host's root logger. */
  logger: Logger;
  /**
   * The API being built: its name in `[DEFAULT] enabled_apis` (`osapi_compute`). A factory
   * reached from two APIs is called once per API, so what it builds may name its API.
   */
  api: string;
  /** Registers a clean-up (close a connection) run when the host stops. */
  onClose?: (close: () => void | Promise<void>) => void;
}

/**
 * Builds one filter: a middleware that may answer or call `next()`. `options`, when
 * present, lists every local option it reads: any other key of its section is an error
 * naming the line, rather than a setting silently ignored.
 */
export interface FilterFactory {
  /** Builds the filter from its section. */
  (context: FactoryContext): RequestHandler | Promise<RequestHandler>;
  /** Every local option it reads; absent, any key is accepted. */
  options?: readonly string[];
  /**
   * Set by a filter that believes whatever identity a caller claims (`noauth2`): a host
   * serving a pipeline with it on an address beyond loopback warns, whatever the name of
   * the `auth_strategy` line that selected it.
   */
  trustsClaimedIdentity?: true;
}

/** Builds one app: the handler at the end of a pipeline (`options` as for filters). */
export interface AppFactory {
  /** Builds the app from its section. */
  (context: FactoryContext): RequestHandler | Promise<RequestHandler>;
  /** Every local option it reads; absent, any key is accepted. */
  options?: readonly string[];
}

/** One `key = value` line of a composite section, with its line number. */
export interface LocalEntry {
  /** The key, as written. */
  readonly key: string;
  /** The value, interpolated. */
  readonly value: string;
  /** Line of the key. */
  readonly line: number;
}

/** A name a composite's line refers to, declared so the whole file is checked before building. */
export interface CompositeReference {
  /** The section named. */
  readonly name: string;
  /** The line holding the reference. */
  readonly line: number;
  /** `filter` for a pipeline's leading elements, `app` for anything that serves requests. */
  readonly role: 'filter' | 'app';
  /** Where the reference sits, for messages (`urlmap target of /v2.1`). */
  readonly where: string;
}

/** How a composite builds the sections it names (paste's `loader`). */
export interface PasteLoader {
  /** The handler of the app, pipeline, composite or filter-app section `name`. */
  getApp(name: string, line: number): Promise<RequestHandler>;
  /** `names` built as a `pipeline =` line: filters in order, then an app. */
  pipeline(names: readonly string[], line: number): Promise<RequestHandler>;
}

/** What a composite factory receives. */
export interface CompositeContext extends FactoryContext {
  /** The composite's lines in file order (minus `use`), for building and for messages. */
  entries: readonly LocalEntry[];
  /** Builds the sections the lines name. */
  loader: PasteLoader;
  /** wharf.conf's `[api] auth_strategy` (nova's `pipeline_factory_v21` reads it too). */
  authStrategy: string;
  /** A PasteConfigError at `line` of this composite. */
  fail(line: number, problem: string): Error;
}

/**
 * Builds one composite (`[composite:NAME]`): dispatches between the sections its lines
 * name. `references`, when present, lists those names without building anything, so that
 * `wharf check` finds an unknown name or a cycle anywhere in the file.
 */
export interface CompositeFactory {
  /** Builds the composite from its section and the names it refers to. */
  (context: CompositeContext): RequestHandler | Promise<RequestHandler>;
  /**
   * Lists the names the section's lines refer to, without building them; `fail` makes the
   * error for a bad line.
   */
  references?: (
    entries: readonly LocalEntry[],
    fail: (line: number, problem: string) => Error
  ) => CompositeReference[];
}

/** Entry-point namespace of filter factories. */
export const FILTER_NAMESPACE = 'wharf.filters';
/** Entry-point namespace of app factories. */
export const APP_NAMESPACE = 'wharf.apps';
/** Entry-point namespace of composite factories. */
export const COMPOSITE_NAMESPACE = 'wharf.composites';

/** The kind of factory a paste section asks for. */
export type FactoryKind = 'filter' | 'app' | 'composite';

/** The namespace of each kind's own entry points. */
export const KIND_NAMESPACES: Readonly<Record<FactoryKind, string>> = {
  filter: FILTER_NAMESPACE,
  app: APP_NAMESPACE,
  composite: COMPOSITE_NAMESPACE
};

/** The alias namespace of each kind: Python dotted names as paste files write them. */
export const ALIAS_NAMESPACES: Readonly<Record<FactoryKind, string>> = {
  filter: 'wharf.paste.filter_factory',
  app: 'wharf.paste.app_factory',
  composite: 'wharf.paste.composite_factory'
};

/**
 * How a section names its factory:
 * - `entry`: `use = NAME`, an entry point of the kind's namespace in any package;
 * - `egg`: `use = egg:DIST#NAME`, the entry point NAME of package DIST (`wharf`: the
 *   project), or else the alias `egg:DIST#NAME`;
 * - `python`: `use = call:MODULE:ATTR` or `paste.*_factory = MODULE:ATTR`, an alias.
 */
export type FactoryRef =
  | { readonly scheme: 'entry'; readonly name: string }
  | { readonly scheme: 'egg'; readonly dist: string; readonly name: string }
  | { readonly scheme: 'python'; readonly name: string };

/**
 * Finds the factory a section names. `name` is the entry point or alias name; `ref` says
 * how the file wrote it. It throws when there is none.
 */
export type FactoryResolver = (
  kind: FactoryKind,
  name: string,
  ref: FactoryRef
) => Promise<FilterFactory | AppFactory | CompositeFactory>;
