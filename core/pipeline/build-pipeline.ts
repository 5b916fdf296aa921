/**
 * Builds the handler of one paste target (e.g. `osapi_compute`) at start-up: resolves the
 * factory of every section of the file through the caller's resolver (so a name with no
 * wharf equivalent is an error even where the served API does not reach it), checks the
 * whole file with the composites' references, then calls the factories the target needs,
 * composes the pipelines and runs the composites. What it returns is one Express-compatible
 * handler; no configuration is read per request.
 *
 * An app, pipeline, composite or filter-app referenced twice (with the same global
 * configuration) is built once and shared. A filter is built once per place it appears:
 * each occurrence wraps a different chain, as in paste. `filter-with` filters run before
 * the section they are attached to. A factory's own errors propagate unchanged; an unknown
 * factory is a PasteConfigError naming the line.
 */
import type { RequestHandler } from 'express';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from '../logger.js';
import { PasteConfigError } from '../errors.js';
import { compose } from './compose.js';
import { checkPasteConfig } from './paste-check.js';
import {
  localConfOf,
  pasteError,
  sectionLabel,
  type FactorySection,
  type FilterAppSection,
  type PasteConfig,
  type PasteSection
} from './paste-sections.js';
import { describeRef, resolveAll, type ResolvedFactories } from './resolve-factories.js';
import type { AppFactory, CompositeFactory, FactoryResolver, FilterFactory } from './types.js';

/** What the builder needs: the file, what to serve, and how to find factories. */
export interface BuildPipelineOptions {
  /** The parsed paste file. */
  config: PasteConfig;
  /** The app, pipeline, composite or filter-app to serve, e.g. `osapi_compute`. */
  name: string;
  /** `[api] auth_strategy`: picks the line of every `auth_pipeline` composite. */
  authStrategy: string;
  /** Finds the factory a section names. */
  resolveFactory: FactoryResolver;
  /** The host container, handed to every factory. */
  container: DependencyContainer;
  /** The host's root logger, handed to every factory. */
  logger: Logger;
  /** Collects the factories' clean-ups, run when the host stops. */
  onClose?: (close: () => void | Promise<void>) => void;
  /** Told the label of every filter built that trusts the identity a caller claims. */
  onIdentityTrusted?: (label: string) => void;
}

type Conf = Readonly<Record<string, string>>;

/**
 * Resolves the factory of every section of `config` and checks the whole file with the
 * composites' references: everything `wharf check` finds short of calling the factories.
 */
export async function resolveAndCheck(
  config: PasteConfig,
  resolveFactory: FactoryResolver
): Promise<ResolvedFactories> {
  const factories = await resolveAll(config, resolveFactory);
  checkPasteConfig(config, factories.references);
  return factories;
}

/** Builds the handler serving `options.name`. */
export async function buildPipeline(options: BuildPipelineOptions): Promise<RequestHandler> {
  return buildPipelineFrom(options, await resolveAndCheck(options.config, options.resolveFactory));
}

/**
 * `buildPipeline` from the file's factories, resolved and checked already
 * (`resolveAndCheck`), so a host serving several APIs resolves them once.
 */
export async function buildPipelineFrom(
  options: BuildPipelineOptions,
  factories: ResolvedFactories
): Promise<RequestHandler> {
  const { config, name } = options;
  const section = config.sections.get(name);
  if (!section) {
    throw new PasteConfigError(`${config.file}: no app, pipeline or composite named "${name}"`);
  }
  if (section.kind === 'filter') {
    throw pasteError(
      section.file,
      section.line,
      sectionLabel(section),
      'is a filter; serve an app, pipeline, composite or filter-app'
    );
  }
  return new PipelineBuilder(options, factories).target(section, {}, []);
}

class PipelineBuilder {
  private readonly built = new Map<PasteSection, Map<string, Promise<RequestHandler>>>();

  constructor(
    private readonly options: BuildPipelineOptions,
    private readonly factories: ResolvedFactories
  ) {}

  /** The shared handler of an app-like section under the global configuration `inherited`. */
  target(section: PasteSection, inherited: Conf, trail: PasteSection[]): Promise<RequestHandler> {
    if (trail.includes(section)) {
      const loop = [...trail.slice(trail.indexOf(section)), section].map(sectionLabel).join(' -> ');
      return Promise.reject(
        pasteError(section.file, section.line, sectionLabel(section), `closes a cycle: ${loop}`)
      );
    }
    const globalConf = { ...section.defaults, ...inherited, ...section.sets };
    const key = JSON.stringify(globalConf);
    let byConf = this.built.get(section);
    if (!byConf) this.built.set(section, (byConf = new Map()));
    let handler = byConf.get(key);
    if (!handler) {
      handler = this.wrapped(section, globalConf, [...trail, section]);
      byConf.set(key, handler);
    }
    return handler;
  }

  private async wrapped(
    section: PasteSection,
    globalConf: Conf,
    trail: PasteSection[]
  ): Promise<RequestHandler> {
    const own = await this.build(section, globalConf, trail);
    if (section.filterWith.length === 0) return own;
    const filters = await this.filterWith(section, globalConf);
    return compose(
      [...filters.map(({ handler }) => handler), own],
      [...filters.map(({ label }) => label), sectionLabel(section)]
    );
  }

  private async build(
    section: PasteSection,
    globalConf: Conf,
    trail: PasteSection[]
  ): Promise<RequestHandler> {
    switch (section.kind) {
      case 'pipeline':
        return this.pipeline(section, section.pipeline.names, globalConf, trail);
      case 'filter-app':
        return this.filterApp(section, globalConf, trail);
      case 'composite':
        return this.composite(section, globalConf, trail);
      default:
        return this.instantiate(section, globalConf);
    }
  }

  private async pipeline(
    from: PasteSection,
    names: readonly string[],
    globalConf: Conf,
    trail: PasteSection[]
  ): Promise<RequestHandler> {
    const sections = names.map((name) => this.lookup(from, name));
    const app = sections.pop()!;
    const layers: { handler: RequestHandler; label: string }[] = [];
    for (const filter of sections as FactorySection[])
      layers.push(...(await this.filter(filter, globalConf)));
    layers.push({ handler: await this.target(app, globalConf, trail), label: sectionLabel(app) });
    if (layers.length === 1) return layers[0]!.handler;
    return compose(
      layers.map(({ handler }) => handler),
      layers.map(({ label }) => label)
    );
  }

  private async filterApp(
    section: FilterAppSection,
    globalConf: Conf,
    trail: PasteSection[]
  ): Promise<RequestHandler> {
    const filter = await this.instantiate(section, globalConf);
    const next = this.lookup(section, section.next.name);
    return compose(
      [filter, await this.target(next, globalConf, trail)],
      [sectionLabel(section), sectionLabel(next)]
    );
  }

  private async composite(
    section: FactorySection,
    globalConf: Conf,
    trail: PasteSection[]
  ): Promise<RequestHandler> {
    const { container, logger, onClose, authStrategy } = this.options;
    const factory = this.factories.of(section) as CompositeFactory;
    const fail = (line: number, problem: string): PasteConfigError =>
      pasteError(section.file, line || section.line, sectionLabel(section), problem);
    const loaded = (name: string, line: number): PasteSection => {
      const target = this.options.config.scopes.get(section.scope)?.get(name);
      if (!target) throw fail(line, `refers to unknown name "${name}"`);
      return target;
    };
    const handler: unknown = await factory({
      globalConf,
      localConf: this.localConf(section, globalConf),
      entries: section.entries,
      container,
      logger,
      api: this.options.name,
      authStrategy,
      fail,
      loader: {
        getApp: async (name, line) => {
          const target = loaded(name, line);
          if (target.kind === 'filter') throw fail(line, `uses filter "${name}" as an app`);
          return this.target(target, globalConf, trail);
        },
        pipeline: async (names, line) => {
          names.forEach((name, index) => {
            const isFilter = loaded(name, line).kind === 'filter';
            if (isFilter !== index < names.length - 1)
              throw fail(
                line,
                `has "${name}" where a pipeline needs ${isFilter ? 'an app' : 'a filter'}`
              );
          });
          return this.pipeline(section, names, globalConf, trail);
        }
      },
      ...(onClose ? { onClose } : {})
    });
    return this.checked(section, handler);
  }

  /** A filter section as pipeline layers: its `filter-with` filters, then itself. */
  private async filter(
    section: FactorySection,
    inherited: Conf
  ): Promise<{ handler: RequestHandler; label: string }[]> {
    const globalConf = { ...section.defaults, ...inherited, ...section.sets };
    const before = await this.filterWith(section, globalConf);
    const handler = await this.instantiate(section, globalConf);
    return [...before, { handler, label: sectionLabel(section) }];
  }

  private async filterWith(
    section: PasteSection,
    globalConf: Conf
  ): Promise<{ handler: RequestHandler; label: string }[]> {
    const layers: { handler: RequestHandler; label: string }[] = [];
    for (const { name, scope } of section.filterWith) {
      const filter = this.options.config.scopes.get(scope)!.get(name) as FactorySection;
      layers.push(...(await this.filter(filter, globalConf)));
    }
    return layers;
  }

  private async instantiate(
    section: FactorySection | FilterAppSection,
    globalConf: Conf
  ): Promise<RequestHandler> {
    const { container, logger, onClose } = this.options;
    const factory = this.factories.of(section) as FilterFactory | AppFactory;
    if ((factory as FilterFactory).trustsClaimedIdentity) {
      this.options.onIdentityTrusted?.(sectionLabel(section));
    }
    const handler: unknown = await factory({
      globalConf,
      localConf: this.localConf(section, globalConf),
      container,
      logger,
      api: this.options.name,
      ...(onClose ? { onClose } : {})
    });
    return this.checked(section, handler);
  }

  private localConf(section: PasteSection, globalConf: Conf): Record<string, string> {
    const local = section.kind === 'pipeline' ? {} : localConfOf(section);
    for (const { local: name, global, line } of section.gets) {
      if (!Object.hasOwn(globalConf, global)) {
        throw pasteError(
          section.file,
          line,
          sectionLabel(section),
          `gets "${global}", which is not a global value ([DEFAULT] or a "set" line)`
        );
      }
      local[name] = globalConf[global]!;
    }
    return local;
  }

  private checked(section: FactorySection | FilterAppSection, handler: unknown): RequestHandler {
    if (typeof handler !== 'function') {
      throw pasteError(
        section.file,
        section.factoryLine,
        sectionLabel(section),
        `factory "${describeRef(section.factory)}" returned ${handler === null ? 'null' : typeof handler}, not a request handler`
      );
    }
    return handler as RequestHandler;
  }

  private lookup(from: PasteSection, name: string): PasteSection {
    // paste-check guarantees every name a pipeline or filter-app refers to exists.
    return this.options.config.scopes.get(from.scope)!.get(name)!;
  }
}
