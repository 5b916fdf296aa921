/**
 * Server create hooks (nova's `nova.api.v21.extensions.server.create`): plugins registered
 * under `wharf.api.v21.extensions.server.create` that each own a part of the create
 * request. A hook contributes properties to the create schema (`getServerCreateSchema`) and
 * copies its part of the request into the boot arguments (`serverCreate`). The schema is
 * assembled and compiled once, when the hooks load; a request only runs the validator.
 *
 * Hooks are built through a container holding ComputeServices and the host's logger and
 * configuration, so a hook class may `@inject(ComputeServices)`. A hook naming the `alias`
 * of the API extension it belongs to follows `[extensions] enabled` and `disabled` for it.
 */
import {
  EnabledExtensionManager,
  InvalidDeclarationError,
  compileBodySchema,
  container as rootContainer,
  tokens,
  type BodyValidator,
  type EntryPointCatalog,
  type Logger,
  type RequestContext,
  type WharfConfig
} from 'wharf';
import { ComputeServices, type CreateServerInput } from '../compute/index.js';
import { baseCreateSchema, type CreateSchema } from './server-schemas.js';

/** The entry-point namespace create hooks are registered under. */
export const SERVER_CREATE_NAMESPACE = 'wharf.api.v21.extensions.server.create';

/** What hooks fill in for the boot: server fields and how many servers to boot. */
export interface ServerCreateKwargs extends Partial<
  Pick<CreateServerInput, 'keyName' | 'availabilityZone' | 'metadata' | 'diskConfig'>
> {
  /** The fewest servers the request accepts (`min_count`). */
  minCount?: number;
  /** How many servers to boot (`max_count`); default one. */
  maxCount?: number;
}

/** A create hook; it needs at least one of the two methods. */
export interface ServerCreateHook {
  /** The API extension the hook belongs to; the hook is off when that alias is disabled. */
  readonly alias?: string;
  /** Properties added to `server` in the create schema. */
  getServerCreateSchema?(): Readonly<Record<string, object>>;
  /**
   * Copies the hook's part of the request's `server` object into `kwargs`. May be async;
   * throws an HTTP error (400) for a value the schema cannot judge.
   */
  serverCreate?(
    server: Readonly<Record<string, unknown>>,
    kwargs: ServerCreateKwargs,
    context: RequestContext
  ): void | Promise<void>;
}

/** What loading the hooks needs from the host. */
export interface CreateHookOptions {
  services: ComputeServices;
  catalog: EntryPointCatalog;
  config: WharfConfig;
  logger: Logger;
}

/** The loaded hooks, the create schema they assemble and its compiled validator. */
export class ServerCreateHooks {
  /** The assembled create schema. */
  readonly schema: CreateSchema;
  /** Validates a create body; throws 400 `WHARF_VALIDATION_FAILED`. */
  readonly validate: BodyValidator;
  /** The hooks that have a `serverCreate`, in load order. */
  private readonly creating: readonly ServerCreateHook[];

  /**
   * @param hooks the hooks by entry-point name, in load order
   * @throws InvalidDeclarationError when two hooks add the same property
   */
  constructor(hooks: ReadonlyMap<string, ServerCreateHook>) {
    this.schema = baseCreateSchema();
    const properties = this.schema.properties.server.properties;
    const owners = new Map<string, string>();
    for (const [name, hook] of hooks) {
      for (const [property, schema] of Object.entries(hook.getServerCreateSchema?.() ?? {})) {
        const owner = owners.get(property) ?? (property in properties ? 'servers' : undefined);
        if (owner !== undefined) {
          throw new InvalidDeclarationError(
            `server create hook ${name} adds the property "${property}", which ${owner} already defines`
          );
        }
        properties[property] = schema;
        owners.set(property, name);
      }
    }
    this.validate = compileBodySchema(this.schema);
    this.creating = [...hooks.values()].filter((hook) => typeof hook.serverCreate === 'function');
  }

  /** Loads every enabled hook of SERVER_CREATE_NAMESPACE and assembles the schema. */
  static async load(options: CreateHookOptions): Promise<ServerCreateHooks> {
    const { config } = options;
    const hookContainer = rootContainer.createChildContainer();
    hookContainer.register(ComputeServices, { useValue: options.services });
    hookContainer.register(tokens.CONFIG, { useValue: config });
    hookContainer.register(tokens.LOGGER, { useValue: options.logger });
    hookContainer.register(tokens.ENTRY_POINT_CATALOG, { useValue: options.catalog });
    const manager = await EnabledExtensionManager.create<ServerCreateHook>(
      SERVER_CREATE_NAMESPACE,
      {
        catalog: options.catalog,
        container: hookContainer,
        logger: options.logger,
        invokeOnLoad: true,
        strict: config.extensions.strict,
        checkFunc: (extension) => {
          const hook = extension.obj!;
          if (
            typeof hook.getServerCreateSchema !== 'function' &&
            typeof hook.serverCreate !== 'function'
          ) {
            throw new TypeError('has neither getServerCreateSchema() nor serverCreate()');
          }
          return isEnabled(config, hook.alias);
        }
      }
    );
    return new ServerCreateHooks(
      new Map([...manager].map((extension) => [extension.name, extension.obj!]))
    );
  }

  /**
   * Runs every hook's `serverCreate` in order and returns the arguments they filled in:
   * at once when no hook answered a promise (the common create), else a promise, each hook
   * still running after the one before it finished.
   */
  apply(
    server: Readonly<Record<string, unknown>>,
    context: RequestContext
  ): ServerCreateKwargs | Promise<ServerCreateKwargs> {
    const kwargs: ServerCreateKwargs = {};
    const hooks = this.creating;
    for (let index = 0; index < hooks.length; index++) {
      const pending = hooks[index]!.serverCreate!(server, kwargs, context);
      if (typeof pending?.then === 'function') {
        return this.applyAfter(pending, index + 1, server, kwargs, context);
      }
    }
    return kwargs;
  }

  /** The rest of `apply` from the hook at `next`, once `pending` settled. */
  private async applyAfter(
    pending: Promise<void>,
    next: number,
    server: Readonly<Record<string, unknown>>,
    kwargs: ServerCreateKwargs,
    context: RequestContext
  ): Promise<ServerCreateKwargs> {
    await pending;
    const hooks = this.creating;
    for (let index = next; index < hooks.length; index++) {
      await hooks[index]!.serverCreate!(server, kwargs, context);
    }
    return kwargs;
  }
}

function isEnabled(config: WharfConfig, alias: string | undefined): boolean {
  if (alias === undefined) return true;
  const { enabled, disabled } = config.extensions;
  return (enabled.length === 0 || enabled.includes(alias)) && !disabled.includes(alias);
}
