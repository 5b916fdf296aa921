/**
 * Builds the handler of one paste target (e.g. `osapi_compute`) at start-up: resolves each
 * `use = NAME` through the caller's factory resolver, calls the factories, composes the
 * pipelines and mounts the urlmaps. What it returns is one Express-compatible handler; no
 * configuration is read per request.
 *
 * An app, pipeline or composite referenced twice is built once and shared. A filter is
 * built once per place it appears: each occurrence wraps a different chain, as in paste.
 * A factory's own errors propagate unchanged; an unknown factory is a PasteConfigError.
 */
import type { RequestHandler } from 'express';
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from '../logger.js';
import { compose } from './compose.js';
import {
  pasteError,
  sectionLabel,
  type AuthPipelineSection,
  type FactorySection,
  type PasteConfig,
  type PasteSection,
  type PipelineSpec,
  type UrlMapSection
} from './paste-sections.js';
import {
  APP_NAMESPACE,
  FILTER_NAMESPACE,
  type AppFactory,
  type FactoryResolver,
  type FilterFactory
} from './types.js';
import { urlmap } from './urlmap.js';
import { PasteConfigError } from '../errors.js';

/** What the builder needs: the file, what to serve, and how to find factories. */
export interface BuildPipelineOptions {
  /** The parsed paste file. */
  config: PasteConfig;
  /** The app, pipeline or composite to serve, e.g. `osapi_compute`. */
  name: string;
  /** `[api] auth_strategy`: picks the line of every `auth_pipeline` composite. */
  authStrategy: string;
  /** Finds the factory a `use = NAME` line names. */
  resolveFactory: FactoryResolver;
  /** The host container, handed to every factory. */
  container: DependencyContainer;
  /** The host's root logger, handed to every factory. */
  logger: Logger;
  /** Collects the factories' clean-ups, run when the host stops. */
  onClose?: (close: () => void | Promise<void>) => void;
}

/** Builds the handler serving `options.name`. */
export async function buildPipeline(options: BuildPipelineOptions): Promise<RequestHandler> {
  const { config, name } = options;
  const section = config.sections.get(name);
  if (!section) {
    throw new PasteConfigError(`${config.file}: no app, pipeline or composite named "${name}"`);
  }
  if (section.kind === 'filter') {
    throw pasteError(
      config.file,
      section.line,
      sectionLabel(section),
      'is a filter; serve an app, pipeline or composite'
    );
  }
  return new PipelineBuilder(options).target(name);
}

class PipelineBuilder {
  private readonly targets = new Map<string, Promise<RequestHandler>>();
  private readonly factories = new Map<string, Promise<FilterFactory | AppFactory>>();

  constructor(private readonly options: BuildPipelineOptions) {}

  /** The shared handler of an app, pipeline or composite (checked not to be a filter). */
  target(name: string): Promise<RequestHandler> {
    let built = this.targets.get(name);
    if (!built) {
      built = this.build(this.section(name));
      this.targets.set(name, built);
    }
    return built;
  }

  private section(name: string): PasteSection {
    // paste-check guarantees every referenced name exists.
    return this.options.config.sections.get(name)!;
  }

  private async build(section: PasteSection): Promise<RequestHandler> {
    switch (section.kind) {
      case 'filter':
      case 'app':
        return this.instantiate(section);
      case 'pipeline':
        return this.pipeline(section.pipeline);
      case 'composite':
        return section.use === 'urlmap' ? this.urlmap(section) : this.authPipeline(section);
    }
  }

  private async urlmap(section: UrlMapSection): Promise<RequestHandler> {
    const entries = [];
    for (const { prefix, target } of section.mappings) {
      entries.push({ prefix, handler: await this.target(target) });
    }
    return urlmap(entries);
  }

  private authPipeline(section: AuthPipelineSection): Promise<RequestHandler> {
    const { authStrategy, config } = this.options;
    const spec = section.pipelines.get(authStrategy);
    if (!spec) {
      const known = [...section.pipelines.keys()].join(', ');
      throw pasteError(
        config.file,
        section.line,
        sectionLabel(section),
        `has no pipeline for auth strategy "${authStrategy}" (it defines: ${known})`
      );
    }
    return this.pipeline(spec);
  }

  private async pipeline(spec: PipelineSpec): Promise<RequestHandler> {
    const sections = spec.names.map((name) => this.section(name));
    const app = sections.pop()!;
    const handlers: RequestHandler[] = [];
    for (const filter of sections as FactorySection[])
      handlers.push(await this.instantiate(filter));
    handlers.push(await this.target(app.name));
    if (handlers.length === 1) return handlers[0]!;
    return compose(handlers, [...sections, app].map(sectionLabel));
  }

  private async instantiate(section: FactorySection): Promise<RequestHandler> {
    const { config, container, logger, onClose } = this.options;
    const factory = await this.factory(section);
    const handler: unknown = await factory({
      globalConf: config.globalConf,
      localConf: section.localConf,
      container,
      logger,
      ...(onClose ? { onClose } : {})
    });
    if (typeof handler !== 'function') {
      throw pasteError(
        config.file,
        section.useLine,
        sectionLabel(section),
        `factory "${section.use}" returned ${describe(handler)}, not a request handler`
      );
    }
    return handler as RequestHandler;
  }

  private async factory(section: FactorySection): Promise<FilterFactory | AppFactory> {
    const key = `${section.kind}:${section.use}`;
    let resolved = this.factories.get(key);
    if (!resolved) {
      resolved = this.options.resolveFactory(section.kind, section.use);
      this.factories.set(key, resolved);
    }
    try {
      return await resolved;
    } catch (cause) {
      const namespace = section.kind === 'filter' ? FILTER_NAMESPACE : APP_NAMESPACE;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw pasteError(
        this.options.config.file,
        section.useLine,
        sectionLabel(section),
        `uses unknown ${section.kind} factory "${section.use}" (no usable entry point in ${namespace}: ${reason})`,
        cause
      );
    }
  }
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
