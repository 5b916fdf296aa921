/**
 * The contract between the paste-style pipeline and the factories it builds from. Filter and
 * app factories are entry points (namespaces `wharf.filters` and `wharf.apps`), so an
 * extension package can contribute middleware the same way it contributes API resources.
 */
import type { RequestHandler } from 'express';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from '../logger.js';

/** What a factory receives: paste's global and local configuration plus host services. */
export interface FactoryContext {
  /** `[DEFAULT]` values of the paste file. */
  globalConf: Readonly<Record<string, string>>;
  /** The factory's own section values (minus `use`). */
  localConf: Readonly<Record<string, string>>;
  /** The host container: resolve the API router, configuration, database from it. */
  container: DependencyContainer;
  /** The host's root logger. */
  logger: Logger;
  /** Registers a clean-up (close a connection) run when the host stops. */
  onClose?: (close: () => void | Promise<void>) => void;
}

/** Builds one filter: a middleware that may answer or call `next()`. */
export type FilterFactory = (context: FactoryContext) => RequestHandler | Promise<RequestHandler>;

/** Builds one app: the handler at the end of a pipeline. */
export type AppFactory = (context: FactoryContext) => RequestHandler | Promise<RequestHandler>;

/** Entry-point namespace of filter factories. */
export const FILTER_NAMESPACE = 'wharf.filters';
/** Entry-point namespace of app factories. */
export const APP_NAMESPACE = 'wharf.apps';

/** The kind of factory a paste section asks for: `[filter:x]` or `[app:x]`. */
export type FactoryKind = 'filter' | 'app';

/**
 * Finds the factory an entry point names (`use = NAME` in namespace `wharf.filters` or
 * `wharf.apps`). The host wires it to the plugin layer; it throws when there is none.
 */
export type FactoryResolver = (
  kind: FactoryKind,
  name: string
) => Promise<FilterFactory | AppFactory>;
