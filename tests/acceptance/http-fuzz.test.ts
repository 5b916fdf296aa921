/**
 * Property-based HTTP fuzzing with fast-check over the routes of a live `wharf serve` (the
 * list comes from `wharf routes --json` of the same configuration, so new routes are fuzzed
 * too): random and fuzzed path parameters, queries, methods, microversion and content-type
 * headers, and bodies (any JSON value, or a valid body with one part replaced). The same
 * invariants as the hostile-input corpus: one answer per request, no 5xx but 503 and 504,
 * every error a nova fault body; and the process alive afterwards. Bounded: NUM_RUNS
 * requests. A failure prints fast-check's seed and path; `WHARF_FUZZ_SEED=<seed>` replays it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { CIRROS } from './compute-servers-given.js';
import { answerProblem, DOCUMENTED_5XX } from '../helpers/fault-shape.js';
import { rawExchange } from '../helpers/raw-http.js';
import { runCli } from '../helpers/run-cli.js';
import { givenServedHost, type ServedHost } from '../helpers/served-host.js';

const NUM_RUNS = Number(process.env.WHARF_FUZZ_RUNS ?? 300);
const TOKEN = 'fuzzer:fuzz';

interface Route {
  method: string;
  path: string;
  handler: string;
}

/** A valid body for each body-taking route (actions by their key), the seeds of mutation. */
const VALID_BODIES: Record<string, unknown> = {
  'POST /servers': {
    server: { name: 'fuzz', imageRef: CIRROS, flavorRef: '1', metadata: { a: 'b' } }
  },
  'PUT /servers/{id}': { server: { name: 'renamed', accessIPv4: '10.0.0.1' } },
  'POST /os-keypairs': { keypair: { name: 'fuzzkey', type: 'ssh' } },
  'POST /servers/{server_id}/metadata': { metadata: { a: 'b', c: 'd' } },
  'PUT /servers/{server_id}/metadata': { metadata: { a: 'b' } },
  'PUT /servers/{server_id}/metadata/{id}': { meta: { k: 'v' } },
  'os-start': { 'os-start': null },
  'os-stop': { 'os-stop': null },
  reboot: { reboot: { type: 'HARD' } },
  pause: { pause: null },
  unpause: { unpause: null },
  suspend: { suspend: null },
  resume: { resume: null },
  lock: { lock: null },
  unlock: { unlock: null }
};

let served: ServedHost;
let routes: Route[];
let ids: string[];

before(async () => {
  served = await givenServedHost();
  const listed = await runCli(['routes', '--json', '--config', `${served.dir}/wharf.conf`]);
  assert.equal(listed.code, 0, listed.stderr);
  routes = JSON.parse(listed.stdout) as Route[];
  const created = await fetch(`${served.url}/v2.1/servers`, {
    method: 'POST',
    headers: { 'x-auth-token': TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify(VALID_BODIES['POST /servers'])
  });
  assert.equal(created.status, 202);
  const { server } = (await created.json()) as { server: { id: string } };
  ids = [server.id, '1', CIRROS, 'a', 'os-keypairs'];
});
after(() => served.stop('SIGKILL'));

/** The body key of a route: `METHOD /path`, or the action key of an action route. */
function bodyKey(route: Route): string {
  return /\[(.+)\]$/.exec(route.handler)?.[1] ?? `${route.method} ${route.path}`;
}

/** Every (path, value) leaf position of a JSON value, the root included. */
function positions(value: unknown, path: string[] = []): string[][] {
  const here = [path];
  if (typeof value !== 'object' || value === null) return here;
  return here.concat(
    Object.entries(value).flatMap(([key, inner]) => positions(inner, [...path, key]))
  );
}

/** `template` with the part at `path` replaced by `value` (a deep copy; root replaces all). */
function replaced(template: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(template) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

/** Text safe inside a header value or a request target: printable ASCII, no CR or LF. */
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode)
});

/** Anything a path segment may carry: known ids, random text, percent-encoded binary. */
const segment = fc.oneof(
  fc.constantFrom('', '..', '%', '%zz', '%E0%A4%A', '%00', '%2F', 'detail', 'action'),
  fc.uuid(),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent),
  printable.map((text) => text.replace(/[ ?#]/g, '_'))
);

const query = fc.option(
  fc
    .array(
      fc.tuple(
        fc.constantFrom('name', 'limit', 'marker', 'all_tenants', 'status', 'is_public', 'x'),
        fc.oneof(
          fc.constantFrom('1', '-1', 'True', '0', 'None', 'a.*'),
          fc.string().map(encodeURIComponent)
        )
      ),
      { maxLength: 3 }
    )
    .map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join('&')),
  { nil: '' }
);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'GET',
      'POST',
      'PUT',
      'DELETE',
      'PATCH',
      'HEAD',
      'OPTIONS',
      'PROPFIND',
      'BREW'
    )
  }
);

const microversion = fc.option(
  fc.tuple(
    fc.constantFrom('OpenStack-API-Version', 'X-OpenStack-Nova-API-Version'),
    fc.oneof(
      fc.constantFrom('2.1', '2.2', 'latest', '2.0', '2.01', '3.0', '2.999999999999', ''),
      printable.filter((text) => text.trim() === text)
    )
  ),
  { nil: null }
);

const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/vnd.openstack.compute+json',
      'text/plain',
      'application/json; charset=utf-8',
      'multipart/form-data'
    ),
    printable.filter((text) => text.trim() === text)
  ),
  { nil: null }
);

/** A body: none, any JSON value, a valid body with one part replaced, or raw text. */
function body(route: Route): fc.Arbitrary<string | undefined> {
  const template = VALID_BODIES[bodyKey(route)];
  const mutated =
    template === undefined
      ? fc.jsonValue()
      : fc
          .tuple(fc.constantFrom(...positions(template)), fc.jsonValue())
          .map(([path, value]) => replaced(template, path, value));
  return fc.oneof(
    fc.constant(undefined),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    mutated.map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 60 })
  );
}

/** One fuzzed request: method, target, headers and body, as raw bytes. */
const fuzzedRequest = fc
  .integer({ min: 0, max: 10_000 })
  .chain((index) => {
    const route = routes[index % routes.length]!;
    const params = route.path.match(/\{\w+\}/g) ?? [];
    return fc.record({
      route: fc.constant(route),
      values: fc.tuple(...params.map(() => fc.oneof(fc.constantFrom(...ids), segment))),
      projectPrefix: fc.constantFrom('', '', '/fuzz', '/other'),
      query,
      method,
      microversion,
      contentType,
      body: body(route)
    });
  })
  .map((request) => {
    let filled = 0;
    const path = request.route.path.replace(/\{\w+\}/g, () => request.values[filled++] ?? '');
    const target = `/v2.1${request.projectPrefix}${path}${request.query ? `?${request.query}` : ''}`;
    const headers = [`Host: 127.0.0.1`, `Connection: close`, `X-Auth-Token: ${TOKEN}`];
    if (request.microversion) {
      const [name, value] = request.microversion;
      headers.push(`${name}: ${name.startsWith('OpenStack') ? `compute ${value}` : value}`);
    }
    if (request.contentType !== null) headers.push(`Content-Type: ${request.contentType}`);
    const payload = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
    if (request.body !== undefined) headers.push(`Content-Length: ${payload.length}`);
    const methodName = request.method ?? request.route.method;
    const summary = `${methodName} ${target} ${headers.slice(3).join(' | ')} ${request.body ?? ''}`;
    return {
      summary,
      head: methodName === 'HEAD',
      [fc.toStringMethod]: () => summary,
      bytes: Buffer.concat([
        Buffer.from(
          `${methodName} ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`,
          'latin1'
        ),
        payload
      ])
    };
  });

describe('HTTP fuzzing of the live routes', { timeout: 60_000 }, () => {
  test(`${NUM_RUNS} fuzzed requests get one answer each, no unexpected 5xx, faults in nova's shape`, async () => {
    const seed = process.env.WHARF_FUZZ_SEED;
    await fc.assert(
      fc.asyncProperty(fuzzedRequest, async (request) => {
        const outcome = await rawExchange(served.port, request.bytes, {
          timeoutMs: 10_000,
          head: request.head
        });
        assert.equal(outcome.responses.length, 1, `${request.summary}: ${outcome.error ?? ''}`);
        const { status, body: text } = outcome.responses[0]!;
        if (request.head) {
          // A HEAD answer has no body to hold a fault: only its status counts.
          assert.ok(status < 500 || DOCUMENTED_5XX.has(status), `${request.summary} -> ${status}`);
          return;
        }
        assert.equal(answerProblem(status, text), null, `${request.summary} -> ${status}`);
      }),
      {
        numRuns: NUM_RUNS,
        // Shrinking replays against a live host: bounded time matters more than a minimal case.
        endOnFailure: true,
        includeErrorInReport: true,
        ...(seed !== undefined ? { seed: Number(seed) } : {})
      }
    );
  });

  test('the process still runs and /healthcheck answers after the fuzzing', async () => {
    assert.ok(served.alive(), served.log());
    const health = await fetch(`${served.url}/healthcheck`);
    assert.equal(health.status, 200);
  });
});
