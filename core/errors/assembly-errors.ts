/**
 * Errors of API assembly: conflicting extensions or routes, invalid declarations, URL generation.
 */
import { CODES } from './codes.js';
import { WharfError } from './wharf-error.js';

/** Two extensions claim the same alias, collection, action or route. */
export class ExtensionConflictError extends WharfError {
  /** The extensions in conflict. */
  readonly extensions: string[];
  constructor(message: string, extensions: string[] = []) {
    super(CODES.WHARF_EXTENSION_CONFLICT, message);
    this.extensions = extensions;
  }
}

/** Two routes share one method and path. */
export class RouteConflictError extends WharfError {
  /** The owners (extensions) of the two routes. */
  readonly extensions: string[];
  constructor(message: string, extensions: string[] = []) {
    super(CODES.WHARF_ROUTE_CONFLICT, message);
    this.extensions = extensions;
  }
}

/** A controller or extension declaration is invalid (bad decorator use, bad version range). */
export class InvalidDeclarationError extends WharfError {
  constructor(message: string) {
    super(CODES.WHARF_INVALID_DECLARATION, message);
  }
}

/** A URL cannot be generated: no route has the name, or a parameter is missing or breaks a requirement. */
export class UrlGenerationError extends WharfError {
  constructor(message: string) {
    super(CODES.WHARF_URL_GENERATION, message);
  }
}
