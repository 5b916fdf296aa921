/**
 * Redirect routes (routes' `Mapper.redirect`): checking a declaration, and the location a
 * matched request is sent to. A redirect is matched like any route; the API answers it.
 */
import { InvalidDeclarationError } from '../errors.js';
import type { RedirectSpec } from './route.js';
import { templateParams } from './url-generator.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Throws `InvalidDeclarationError` for a status that is no redirect, or a target naming a
 * parameter the matched path lacks.
 */
export function checkRedirect(redirect: RedirectSpec): void {
  const where = `redirect ${redirect.path} -> ${redirect.to} declared by ${redirect.owner}`;
  if (!REDIRECT_STATUSES.has(redirect.status)) {
    throw new InvalidDeclarationError(`${where}: status ${redirect.status} is not a redirect`);
  }
  const known = new Set(templateParams(redirect.path));
  const unknown = templateParams(redirect.to).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new InvalidDeclarationError(
      `${where}: the target names {${unknown[0]}}, which the path lacks`
    );
  }
}

/** The redirect's target with the matched parameters filled in, percent-encoded. */
export function redirectLocation(
  redirect: RedirectSpec,
  params: Readonly<Record<string, string>>
): string {
  return redirect.to.replace(PARAM, (_whole, name: string) => encodeURIComponent(params[name]!));
}
