/**
 * What every error answer of the host must look like, as COMPUTE-CONTRACT.md "Faults" says
 * and OpenStack clients parse it: a JSON object with exactly one key, the fault name of the
 * status, holding `{code, message}` with `code` equal to the status. The hostile-input,
 * fuzz and policy suites share this one check.
 */

/** nova's fault name for each status it names; any other status is `computeFault`. */
export const FAULT_NAMES: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable'
};

/** The fault name a client expects for `status`. */
export function expectedFaultName(status: number): string {
  return FAULT_NAMES[status] ?? 'computeFault';
}

/**
 * Why `text` is not a proper fault body for `status`, or null when it is. Only meaningful
 * for error statuses (400 and above).
 */
export function faultProblem(status: number, text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `the body is not JSON: ${JSON.stringify(text.slice(0, 120))}`;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return `the body is not a JSON object: ${text.slice(0, 120)}`;
  }
  const keys = Object.keys(body);
  const name = expectedFaultName(status);
  if (keys.length !== 1 || keys[0] !== name) {
    return `expected the single key "${name}", got ${JSON.stringify(keys)}`;
  }
  const detail = (body as Record<string, unknown>)[name] as Record<string, unknown> | null;
  if (typeof detail !== 'object' || detail === null) return `"${name}" is not an object`;
  if (detail.code !== status) return `"${name}".code is ${String(detail.code)}, not ${status}`;
  if (typeof detail.message !== 'string' || detail.message === '') {
    return `"${name}".message is not a non-empty string`;
  }
  return null;
}

/** The 5xx statuses a caller may be given by design: overload or stopping, and a deadline. */
export const DOCUMENTED_5XX: ReadonlySet<number> = new Set([503, 504]);

/**
 * Why an answer breaks the invariants of a hostile or fuzzed request, or null: no 5xx but
 * the documented ones, and every error (4xx, 5xx) a proper fault body.
 */
export function answerProblem(status: number, text: string): string | null {
  if (status >= 500 && !DOCUMENTED_5XX.has(status))
    return `unexpected ${status}: ${text.slice(0, 200)}`;
  return status >= 400 ? faultProblem(status, text) : null;
}
