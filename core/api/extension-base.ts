/**
 * APIExtensionBase: what every API extension is (nova's `extensions.V21APIExtensionBase`).
 * An extension has a name, an alias (unique, used to enable or disable it), a version (or an
 * `updated` date) and a description, and contributes resources and controller extensions.
 * It is built through dependency injection, so its constructor may `@inject` host services,
 * including the EXTENSION_REGISTRY of the extensions loaded so far.
 */
import { applyBrand, brandSymbol, hasBrand } from '../brand.js';
import type { ControllerExtension } from './controller-extension.js';
import type { PolicyDescription } from './policy-personas.js';
import type { ResourceExtension } from './resource-extension.js';

const API_EXTENSION_BRAND = brandSymbol('api-extension');
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Base class of API extensions; recognised by brand across copies of wharf. */
export abstract class APIExtensionBase {
  /** Human-readable name, e.g. `Keypairs`. */
  abstract readonly name: string;
  /** Unique alias, e.g. `os-keypairs`; configuration enables or disables by alias. */
  abstract readonly alias: string;
  /** Integer version of the extension (nova's `version`); give this or `updated`. */
  readonly version?: number;
  /** ISO date of the last change (the older nova spelling); give this or `version`. */
  readonly updated?: string;
  /** One-line description, shown by `GET /extensions` and the CLI. */
  readonly description: string = '';

  /** New resources (collections) this extension adds. */
  getResources(): ResourceExtension[] {
    return [];
  }

  /** Actions and extension methods this extension adds to existing resources. */
  getControllerExtensions(): ControllerExtension[] {
    return [];
  }

  /**
   * Optional: runs once, awaited, before the host listens (open storage, run migrations).
   * A failure stops start-up with a one-line error naming the extension (exit 2), instead of
   * failing every request later.
   */
  prepare?(): void | Promise<void>;

  /**
   * Optional: what the deployment makes of a policy rule this extension's methods declare
   * with `@wsgi.policy(rule)` (its text, who passes it), for the deployment plan; undefined
   * for a rule it does not know.
   */
  describePolicy?(rule: string): PolicyDescription | undefined;
}

applyBrand(APIExtensionBase, API_EXTENSION_BRAND);

/** True for an APIExtensionBase subclass or instance, from any copy of wharf. */
export function isAPIExtension(value: unknown): boolean {
  return hasBrand(value, API_EXTENSION_BRAND);
}

/**
 * Checks an extension's declared identity and returns a list of problems (empty when
 * valid): a non-empty name, an alias of letters, digits, `-`, `_` and `.`, and either a
 * positive integer version or an ISO `updated` date.
 */
export function identityProblems(extension: APIExtensionBase): string[] {
  const problems: string[] = [];
  if (typeof extension.name !== 'string' || extension.name.trim() === '')
    problems.push('name must be a non-empty string');
  if (typeof extension.alias !== 'string' || !ALIAS.test(extension.alias)) {
    problems.push(
      `alias ${JSON.stringify(extension.alias)} must be letters, digits, "-", "_" or "."`
    );
  }
  const hasVersion = Number.isInteger(extension.version) && (extension.version ?? 0) >= 1;
  const hasUpdated =
    typeof extension.updated === 'string' && !Number.isNaN(Date.parse(extension.updated));
  if (!hasVersion && !hasUpdated)
    problems.push('version must be a positive integer (or updated an ISO date)');
  return problems;
}
