/**
 * The registry of API extensions: who is loaded under which alias, and what each one
 * contributes (resources, actions, extended methods). `GET /extensions`, the CLI and
 * `wharf check` read it; API extensions can `@inject(EXTENSION_REGISTRY)` it.
 */
import { ExtensionConflictError } from '../errors.js';
import type { APIExtensionBase } from './extension-base.js';

/** One API extension as the registry knows it. */
export interface ExtensionRecord {
  /** Short unique name (`os-keypairs`), used by `[extensions] enabled` and `disabled`. */
  alias: string;
  /** Human-readable name (`Keypairs`). */
  name: string;
  /** What the extension adds, as `GET /extensions` shows it. */
  description: string;
  /** Integer version, when the extension declares one. */
  version: number | null;
  /** ISO date of the last change (declared, or the epoch when only a version is given). */
  updated: string;
  /** The name of the entry point it was loaded from. */
  entryPoint: string;
  /** The entry point with its target, for messages: `name (module:export)`. */
  entryPointLabel: string;
  /** `loaded`, or `disabled` by configuration. */
  status: 'loaded' | 'disabled';
  /** Collections it adds. */
  resources: string[];
  /** Actions it adds, as `collection:key`. */
  actions: string[];
  /** Methods it extends, as `collection:method` or `collection:action:key`, with `(pre)` for pre-processing. */
  extendedMethods: string[];
  /** The extension object. */
  extension: APIExtensionBase;
}

const EPOCH = '1970-01-01T00:00:00Z';

/** Aliases to records; duplicate aliases are refused naming both extensions. */
export class ExtensionRegistry {
  private readonly records = new Map<string, ExtensionRecord>();

  /** Adds an extension; throws ExtensionConflictError when its alias is taken. */
  register(
    extension: APIExtensionBase,
    entryPoint: { name: string; label: string },
    status: ExtensionRecord['status'] = 'loaded'
  ): ExtensionRecord {
    const existing = this.records.get(extension.alias);
    if (existing) {
      throw new ExtensionConflictError(
        `extensions ${existing.entryPointLabel} and ${entryPoint.label} both use the alias "${extension.alias}"`,
        [existing.entryPoint, entryPoint.name]
      );
    }
    const record: ExtensionRecord = {
      alias: extension.alias,
      name: extension.name,
      description: extension.description,
      version: extension.version ?? null,
      updated: extension.updated ?? EPOCH,
      entryPoint: entryPoint.name,
      entryPointLabel: entryPoint.label,
      status,
      resources: [],
      actions: [],
      extendedMethods: [],
      extension
    };
    this.records.set(extension.alias, record);
    return record;
  }

  /** The record of an alias, or undefined. */
  get(alias: string): ExtensionRecord | undefined {
    return this.records.get(alias);
  }

  /** True when an extension with that alias is loaded (not disabled). */
  isLoaded(alias: string): boolean {
    return this.records.get(alias)?.status === 'loaded';
  }

  /** Every record, in registration order. */
  all(): ExtensionRecord[] {
    return [...this.records.values()];
  }

  /** The loaded extensions only. */
  loaded(): ExtensionRecord[] {
    return this.all().filter((record) => record.status === 'loaded');
  }
}
