/**
 * The request a scenario sends to a server, and how its answer is checked before any load:
 * by default the widgets `GET` every baseline serves; wharf scenarios add a token, post an
 * action or list servers. One request describes both the single checked request and the
 * load that follows (autocannon sends the same method, headers and body).
 */
import { EXPECTED_WIDGET_BODY, WIDGET_PATH } from '../servers/widget-api.js';

/** The parts of an answer a check looks at. */
export interface Answer {
  status: number;
  body: string;
}

/** One request, repeated by every load run of a scenario. */
export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Readonly<Record<string, string>>;
  /** The request body, sent as is. */
  body?: string;
  /** What is wrong with an answer, or null when it is the expected one. */
  check(answer: Answer): string | null;
}

/** Checks for `status` and a JSON body deep-equal to `expected` (compared as JSON text). */
export function expectJson(status: number, expected: unknown): BenchRequest['check'] {
  const text = JSON.stringify(expected);
  return (answer) =>
    answer.status === status && canonicalJson(answer.body) === text
      ? null
      : `expected ${status} ${text}`;
}

/** Checks for `status` and a JSON body `accept` approves (it names the problem, or null). */
export function expectJsonWhere(
  status: number,
  accept: (body: any) => string | null
): BenchRequest['check'] {
  return (answer) => {
    if (answer.status !== status) return `expected status ${status}`;
    const body = parseJson(answer.body);
    return body === undefined ? 'expected a JSON body' : accept(body);
  };
}

/** Checks for `status` and an empty body. */
export function expectEmpty(status: number): BenchRequest['check'] {
  return (answer) =>
    answer.status === status && answer.body === '' ? null : `expected ${status} with no body`;
}

/** The request of the baseline servers: `GET /v2.1/widgets/42`. */
export const WIDGET_REQUEST: BenchRequest = {
  method: 'GET',
  path: WIDGET_PATH,
  headers: {},
  check: expectJson(200, EXPECTED_WIDGET_BODY)
};

/** Throws, naming the server, unless `answer` passes the request's check. */
export function assertAnswer(name: string, request: BenchRequest, answer: Answer): void {
  const problem = request.check(answer);
  if (problem !== null) {
    throw new Error(
      `${name} answered ${request.method} ${request.path} with ${answer.status} ` +
        `${answer.body.slice(0, 200)}; ${problem}`
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function canonicalJson(text: string): string | undefined {
  const parsed = parseJson(text);
  return parsed === undefined ? undefined : JSON.stringify(parsed);
}
