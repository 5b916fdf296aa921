/**
 * Building an extension's object. A class that declares injection tokens (`@inject`,
 * `static inject = [...]`, or `emitDecoratorMetadata` types: injection-tokens.ts) is resolved
 * through a tsyringe child container of the host container, which also holds the extension's
 * own logger, its entry point and the manager's invoke arguments. A plain class (nothing to
 * inject) gets `invokeArgs` (then `invokeKwds`) positionally, as stevedore passes them; so
 * does a plugin that is a plain function. A parameter that would be `undefined` either way
 * fails the load instead. tsyringe is loaded, and the host container asked for, only when a
 * class declares injection tokens: building plain classes never loads it.
 */
import type { DependencyContainer } from 'tsyringe';
import { extensionLogger, type Logger } from '../logger.js';
import { ENTRY_POINT, EXTENSION_LOGGER, INVOKE_ARGS, INVOKE_KWDS, LOGGER } from '../tokens.js';
import type { EntryPoint } from './entry-point.js';
import { constructorPlan } from './injection-tokens.js';
import { isClass } from './plugin-kind.js';

/** What the manager passes to every plugin it invokes. */
export interface InvokeOptions {
  /** The host container; called only for a class that declares injection tokens. */
  container: () => DependencyContainer;
  logger: Logger;
  invokeArgs: readonly unknown[];
  invokeKwds: Readonly<Record<string, unknown>> | undefined;
}

type Callable = (...args: unknown[]) => unknown;

/** Invokes a plugin for an entry point and returns the object it builds. */
export function instantiate(
  plugin: Function,
  entryPoint: EntryPoint,
  options: InvokeOptions
): unknown {
  const positional =
    options.invokeKwds === undefined
      ? [...options.invokeArgs]
      : [...options.invokeArgs, options.invokeKwds];
  if (!isClass(plugin)) return (plugin as Callable)(...positional);
  const who = `${entryPoint.namespace}:${entryPoint.name} (${entryPoint.target})`;
  if (constructorPlan(plugin, who, positional.length).kind === 'positional')
    return new plugin(...positional);
  const child = options.container().createChildContainer();
  if (!child.isRegistered(LOGGER, true)) child.register(LOGGER, { useValue: options.logger });
  child.register(EXTENSION_LOGGER, {
    useValue: extensionLogger(options.logger, entryPoint.namespace, entryPoint.name)
  });
  child.register(ENTRY_POINT, { useValue: entryPoint });
  child.register(INVOKE_ARGS, { useValue: options.invokeArgs });
  child.register(INVOKE_KWDS, { useValue: options.invokeKwds ?? {} });
  return child.resolve(plugin);
}
