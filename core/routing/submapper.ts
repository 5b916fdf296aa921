/**
 * SubMapper (routes' `Mapper.submapper(**kwargs)`): a view of a mapper bound to a path
 * prefix, a name prefix and defaults (target, owner, requirements, conditions). As in
 * routes, prefixes concatenate through nested submappers, requirements merge, and every
 * other option of a declaration overrides the submapper's.
 */
import { InvalidDeclarationError } from '../errors.js';
import type {
  ConnectSpec,
  RedirectOptions,
  ResourceOptions,
  RouteConditions,
  RouteDeclarer
} from './mapper.js';

/** What a submapper puts on every declaration made through it. */
export interface SubmapperOptions<T> {
  /** Put before every path (`/os-things/{thing_id}`). */
  pathPrefix?: string;
  /** Put before every route name (`thing_`). */
  namePrefix?: string;
  /** Default target of its routes. */
  target?: T;
  /** Default owner of its routes. */
  owner?: string;
  /** Merged into every declaration's requirements. */
  requirements?: Readonly<Record<string, string>>;
  /** Default conditions of its routes. */
  conditions?: RouteConditions;
}

/** A route through a submapper: target and owner may come from the submapper. */
export type SubmapperConnectSpec<T> = Omit<ConnectSpec<T>, 'target' | 'owner'> &
  Partial<Pick<ConnectSpec<T>, 'target' | 'owner'>>;

/** A mapper bound to prefixes and defaults; declarations go to the parent. */
export class SubMapper<T> {
  private readonly pathPrefix: string;

  constructor(
    private readonly parent: RouteDeclarer<T>,
    private readonly options: SubmapperOptions<T>
  ) {
    this.pathPrefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  }

  /** Adds one route under the prefixes, with the submapper's defaults. */
  connect(spec: SubmapperConnectSpec<T>): void {
    const target = 'target' in spec ? spec.target : this.options.target;
    const owner = spec.owner ?? this.options.owner;
    if (target === undefined || owner === undefined) {
      throw new InvalidDeclarationError(
        `route ${this.pathPrefix}${spec.path} through a submapper: give a target and an owner, there or on the submapper`
      );
    }
    const requirements = this.requirementsWith(spec.requirements);
    const conditions = spec.conditions ?? this.options.conditions;
    this.parent.connect({
      ...spec,
      target,
      owner,
      path: this.path(spec.path),
      ...(spec.name !== undefined ? { name: `${this.options.namePrefix ?? ''}${spec.name}` } : {}),
      ...(requirements ? { requirements } : {}),
      ...(conditions ? { conditions } : {})
    });
  }

  /** Adds a collection's conventional routes under the prefixes. */
  resource(memberName: string, collectionName: string, options: ResourceOptions<T>): void {
    const requirements = this.requirementsWith(options.requirements);
    const inner = options.pathPrefix ?? '';
    this.parent.resource(memberName, collectionName, {
      ...options,
      pathPrefix: this.path(inner === '' ? '' : `/${inner.replace(/^\/+/, '')}`),
      namePrefix: `${this.options.namePrefix ?? ''}${options.namePrefix ?? ''}`,
      ...(requirements ? { requirements } : {}),
      ...(options.condition === undefined && this.options.conditions?.function
        ? { condition: this.options.conditions.function }
        : {})
    });
  }

  /** Adds a redirect from a path under the prefix. */
  redirect(from: string, to: string, options: RedirectOptions): void {
    this.parent.redirect(this.path(from), to, {
      ...options,
      ...(options.name !== undefined
        ? { name: `${this.options.namePrefix ?? ''}${options.name}` }
        : {})
    });
  }

  /** A submapper of this one: prefixes concatenate, other options override. */
  submapper(options: SubmapperOptions<T>): SubMapper<T> {
    return new SubMapper<T>(this.parent, {
      ...this.options,
      ...options,
      pathPrefix: this.path(options.pathPrefix ?? ''),
      namePrefix: `${this.options.namePrefix ?? ''}${options.namePrefix ?? ''}`,
      ...(this.requirementsWith(options.requirements)
        ? { requirements: this.requirementsWith(options.requirements)! }
        : {})
    });
  }

  private path(path: string): string {
    if (path === '' || path === '/') return this.pathPrefix === '' ? '/' : this.pathPrefix;
    return `${this.pathPrefix}${path}`;
  }

  private requirementsWith(
    own: Readonly<Record<string, string>> | undefined
  ): Readonly<Record<string, string>> | undefined {
    if (this.options.requirements === undefined) return own;
    return { ...this.options.requirements, ...own };
  }
}
