/**
 * The hostile-input corpus, against a real `wharf serve` on a real port, over raw sockets:
 * malformed and deep JSON, bodies over the size limit (with and without Content-Length),
 * long URLs and headers, odd encodings, every body-taking route with bodies of the wrong
 * type, unknown methods and request smuggling attempts. Every request must get exactly one
 * answer, no 5xx but the documented 503 and 504, and every error a nova fault body; where
 * the contract names the status, that status. After the corpus the process still runs and
 * `/healthcheck` answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CIRROS } from './compute-servers-given.js';
import { answerProblem } from '../helpers/fault-shape.js';
import { rawExchange, type RawOutcome, type RawResponse } from '../helpers/raw-http.js';
import { runCli } from '../helpers/run-cli.js';
import { givenServedHost, type ServedHost } from '../helpers/served-host.js';

const MAX_BODY = 1_048_576;
const MAX_URL = 2048;
const MAX_HEADER = 8192;

let served: ServedHost;
let serverId: string;
let routes: { method: string; path: string; handler: string }[];

before(async () => {
  served = await givenServedHost({
    conf: {
      wsgi: { max_url_length: String(MAX_URL), max_header_size: String(MAX_HEADER) },
      sizelimit: { max_request_body_size: String(MAX_BODY) }
    },
    startTimeoutMs: 30_000
  });
  const listed = await runCli(['routes', '--json', '--config', `${served.dir}/wharf.conf`]);
  assert.equal(listed.code, 0, listed.stderr);
  routes = JSON.parse(listed.stdout) as typeof routes;
  const created = await send('POST', '/v2.1/servers', {
    body: JSON.stringify({ server: { name: 'target', imageRef: CIRROS, flavorRef: '1' } })
  });
  assert.equal(created?.status, 202, created?.body);
  serverId = (JSON.parse(created!.body) as { server: { id: string } }).server.id;
});
after(() => served.stop('SIGKILL'));

/** Options of one well-framed request. */
interface SendOptions {
  headers?: Record<string, string>;
  body?: string | Buffer;
  token?: string | null;
}

/** The request's bytes: HTTP/1.1, `Connection: close`, a token, Content-Length for a body. */
function requestBytes(method: string, target: string, options: SendOptions = {}): Buffer {
  const headers: Record<string, string> = {
    Host: '127.0.0.1',
    Connection: 'close',
    ...(options.token === null ? {} : { 'X-Auth-Token': options.token ?? 'user1:project1' }),
    ...(options.body !== undefined
      ? {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(options.body))
        }
      : {}),
    ...options.headers
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return Buffer.concat([
    Buffer.from(`${method} ${target} HTTP/1.1\r\n${head}\r\n`, 'latin1'),
    options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body)
  ]);
}

/** What broke the invariants in the current test; each test ends asserting it is empty. */
const problems: string[] = [];

/** Records what breaks the invariants in an exchange; returns its one response, if any. */
function theAnswer(what: string, outcome: RawOutcome): RawResponse | undefined {
  if (outcome.responses.length !== 1) {
    problems.push(
      `${what}: ${outcome.responses.length} responses (${outcome.error ?? 'no socket error'})`
    );
  }
  const response = outcome.responses[0];
  if (response === undefined) return undefined;
  const problem = answerProblem(response.status, response.body);
  if (problem !== null) problems.push(`${what}: ${response.status} ${problem}`);
  return response;
}

/** Records a problem unless `answer` has `status`. */
function expectStatus(answer: RawResponse | undefined, status: number, what: string): void {
  if (answer !== undefined && answer.status !== status) {
    problems.push(`${what}: expected ${status}, got ${answer.status}`);
  }
}

/** Sends one request and checks its answer against the invariants. */
async function send(method: string, target: string, options: SendOptions = {}) {
  return theAnswer(
    `${method} ${target.slice(0, 60)}`,
    await rawExchange(served.port, requestBytes(method, target, options))
  );
}

/** Sends raw bytes and checks the answer. */
async function sendRaw(what: string, bytes: string | Buffer | (string | Buffer)[]) {
  return theAnswer(what, await rawExchange(served.port, bytes, { timeoutMs: 10_000 }));
}

/** A test of the corpus: it passes when nothing it sent broke an invariant. */
function corpusTest(name: string, run: () => Promise<void>): void {
  test(name, async () => {
    problems.length = 0;
    await run();
    assert.deepEqual(problems, []);
  });
}

/** A JSON text nested `depth` levels deep (arrays, or objects keyed "a"). */
function deep(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('hostile input', { timeout: 60_000 }, () => {
  corpusTest('malformed JSON gets 400 on every body-taking route', async () => {
    const bodies = [
      '{',
      '{"server":',
      'nul',
      "{'server': 1}",
      '{"a":1,}',
      '[1,2',
      '\u0000',
      '{"a":1}}'
    ];
    const targets: [string, string][] = [
      ['POST', '/v2.1/servers'],
      ['POST', '/v2.1/os-keypairs'],
      ['PUT', `/v2.1/servers/${serverId}`],
      ['POST', `/v2.1/servers/${serverId}/action`],
      ['POST', `/v2.1/servers/${serverId}/metadata`],
      ['PUT', `/v2.1/servers/${serverId}/metadata/k`]
    ];
    for (const [method, path] of targets) {
      for (const body of bodies) {
        expectStatus(await send(method, path, { body }), 400, `${method} ${path} ${body}`);
      }
    }
  });

  for (const depth of [5000, 100_000]) {
    for (const kind of ['array', 'object'] as const) {
      corpusTest(`JSON nested ${depth} levels deep (${kind}s) gets 400`, async () => {
        const nested = deep(depth, kind);
        const cases: [string, string, string][] = [
          ['POST', '/v2.1/servers', `{"server":${nested}}`],
          ['POST', `/v2.1/servers/${serverId}/action`, `{"os-start":${nested}}`],
          ['PUT', `/v2.1/servers/${serverId}/metadata`, `{"metadata":${nested}}`]
        ];
        for (const [method, path, body] of cases) {
          assert.ok(Buffer.byteLength(body) <= MAX_BODY, 'the nested body fits the size limit');
          expectStatus(await send(method, path, { body }), 400, `${method} ${path}`);
        }
      });
    }
  }

  corpusTest('a body over the size limit gets 413, with Content-Length or chunked', async () => {
    const huge = `{"server":{"name":"${'x'.repeat(MAX_BODY + 10)}"}}`;
    expectStatus(await send('POST', '/v2.1/servers', { body: huge }), 413, 'Content-Length body');
    const announced = requestBytes('POST', '/v2.1/servers', {
      headers: { 'Content-Length': String(10 * 1024 ** 3) }
    });
    expectStatus(await sendRaw('Content-Length 10 GiB', announced), 413, 'Content-Length 10 GiB');
    const chunkedHead = requestBytes('POST', '/v2.1/servers', {
      headers: { 'Transfer-Encoding': 'chunked', 'Content-Type': 'application/json' }
    });
    const chunk = 'y'.repeat(16_384);
    const chunks = Array.from({ length: Math.ceil((MAX_BODY * 2) / chunk.length) }, () =>
      Buffer.from(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
    );
    const chunked = await sendRaw('chunked body without Content-Length', [
      chunkedHead,
      ...chunks,
      '0\r\n\r\n'
    ]);
    expectStatus(chunked, 413, 'chunked body');
  });

  corpusTest('a URL over max_url_length gets 414', async () => {
    expectStatus(
      await send('GET', `/v2.1/servers/${'a'.repeat(MAX_URL)}`),
      414,
      `/v2.1/servers/${'a'.repeat(MAX_URL)}`.slice(0, 40)
    );
    expectStatus(
      await send('GET', `/v2.1/servers?name=${'b'.repeat(MAX_URL)}`),
      414,
      `/v2.1/servers?name=${'b'.repeat(MAX_URL)}`.slice(0, 40)
    );
    expectStatus(
      await send('GET', `/${'c'.repeat(MAX_URL * 3)}`),
      414,
      `/${'c'.repeat(MAX_URL * 3)}`.slice(0, 40)
    );
  });

  corpusTest('a head over max_header_size gets 431, one long header or many', async () => {
    const long = { 'X-Long': 'l'.repeat(MAX_HEADER + 1) };
    expectStatus(await send('GET', '/v2.1/servers', { headers: long }), 431, 'one long header');
    const many = Object.fromEntries(
      Array.from({ length: 600 }, (_, index) => [`X-Many-${index}`, 'm'.repeat(16)])
    );
    expectStatus(await send('GET', '/v2.1/servers', { headers: many }), 431, '600 headers');
  });

  corpusTest(
    'odd encodings in paths, queries, headers and bodies get a fault, not a crash',
    async () => {
      const paths = [
        '/v2.1/servers/%E0%A4%A',
        '/v2.1/servers/%',
        '/v2.1/servers/%zz',
        '/v2.1/servers/%C0%AF',
        '/v2.1/servers/a%00b',
        '/v2.1/%E0%A4%A/servers',
        '/v2.1/servers?name=%E0%A4%A',
        '/v2.1/servers?name=%00',
        '/v2.1/servers/%E0%A4%A/metadata/%ff',
        '/v2.1/os-keypairs/%ED%A0%80',
        '/v2.1/flavors/%2e%2e%2f%2e%2e%2fetc',
        '/v2.1/../../etc/passwd',
        '/v2.1//servers//detail',
        '/healthcheck/%E0%A4%A'
      ];
      for (const path of paths) await send('GET', path);
      const rawTargets = [
        Buffer.from('GET /v2.1/servers/a\u0000b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
        Buffer.concat([
          Buffer.from('GET /v2.1/servers/'),
          Buffer.from([0xff, 0xfe, 0x80]),
          Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
        ]),
        Buffer.from(
          'GET /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a\u0000b\r\nConnection: close\r\n\r\n'
        ),
        Buffer.concat([
          Buffer.from('GET /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: '),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from(':p\r\nConnection: close\r\n\r\n')
        ])
      ];
      for (const [index, bytes] of rawTargets.entries())
        await sendRaw(`raw target ${index}`, bytes);
      const badUtf8 = Buffer.concat([
        Buffer.from('{"server":{"name":"'),
        Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]),
        Buffer.from(`","imageRef":"${CIRROS}","flavorRef":"1"}}`)
      ]);
      await send('POST', '/v2.1/servers', { body: badUtf8 });
      await send('POST', '/v2.1/os-keypairs', {
        body: Buffer.concat([
          Buffer.from('{"keypair":{"name":"'),
          Buffer.from([0xc0, 0xaf]),
          Buffer.from('"}}')
        ])
      });
      const nul = JSON.stringify({ metadata: { 'a\u0000b': 'c\u0000d' } });
      await send('POST', `/v2.1/servers/${serverId}/metadata`, { body: nul });
      const bom = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('{"metadata":{"a":"b"}}')
      ]);
      await send('POST', `/v2.1/servers/${serverId}/metadata`, { body: bom });
      for (const type of [
        'application/json; charset=utf-16',
        'application/json; charset=\u00ff',
        'text/html',
        ';;;'
      ]) {
        await send('POST', `/v2.1/servers/${serverId}/metadata`, {
          body: '{"metadata":{"a":"b"}}',
          headers: { 'Content-Type': type }
        });
      }
    }
  );

  corpusTest(
    'every route given bodies of the wrong type answers 400 where it reads a body',
    async () => {
      const wrong = ['null', '[]', '1', '"text"', 'true', '{}', '[{"server":{}}]'];
      const wrapper: Record<string, string> = {
        '/servers': 'server',
        '/servers/{id}': 'server',
        '/os-keypairs': 'keypair',
        '/servers/{server_id}/metadata': 'metadata',
        '/servers/{server_id}/metadata/{id}': 'meta'
      };
      const seen = new Set<string>();
      for (const route of routes) {
        const key = `${route.method} ${route.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const path = `/v2.1${route.path
          .replace('{server_id}', serverId)
          .replace(/\/servers\/\{id\}/, `/servers/${serverId}`)
          .replace('{flavor_id}', '1')
          .replace(
            '{id}',
            route.path.startsWith('/images') || route.path.startsWith('/v2/') ? CIRROS : 'k'
          )}`;
        const readsBody = route.method === 'POST' || route.method === 'PUT';
        const inner = wrapper[route.path];
        // `{}` is a valid inner value (an empty metadata merge), so it is only sent whole.
        const innerWrong = wrong.filter((value) => value !== '{}');
        const bodies = [
          ...wrong,
          ...(inner ? innerWrong.map((value) => `{"${inner}":${value}}`) : [])
        ];
        for (const body of bodies) {
          const answer = await send(route.method, path, { body });
          if (readsBody) expectStatus(answer, 400, `${key} with ${body}`);
        }
      }
    }
  );

  corpusTest('unknown and unusual methods get a fault, never a crash', async () => {
    const methods = [
      'PROPFIND',
      'BREW',
      'TRACE',
      'PATCH',
      'OPTIONS',
      'MKCOL',
      'M-SEARCH',
      'SEARCH',
      'PURGE',
      'get',
      'G\u00c9T'
    ];
    for (const method of methods) {
      for (const path of ['/', '/v2.1/servers', `/v2.1/servers/${serverId}`, '/healthcheck']) {
        await sendRaw(`${method} ${path}`, requestBytes(method, path));
      }
    }
  });

  corpusTest('Transfer-Encoding and Content-Length smuggling is refused with one 400', async () => {
    const smuggled = 'GET /v2.1/extensions HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\n\r\n';
    const attempts = [
      `POST /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      `POST /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${smuggled}`,
      `POST /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\nTransfer-Encoding: chunked, identity\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${smuggled}`,
      `POST /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${smuggled}`,
      `POST /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${smuggled}`,
      `POST /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\nContent-Length: 5\r\nContent-Length: 60\r\n\r\n0\r\n\r\n${smuggled}`,
      `POST /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\nContent-Length: +5\r\n\r\n0\r\n\r\n${smuggled}`,
      `POST /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${smuggled}`,
      `POST /v2.1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: a:b\r\nX-Fold: a\r\n Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${smuggled}`
    ];
    for (const [index, attempt] of attempts.entries()) {
      const outcome = await rawExchange(served.port, attempt, { timeoutMs: 2000 });
      const answer = theAnswer(`smuggling attempt ${index}`, outcome);
      expectStatus(answer, 400, `smuggling attempt ${index}`);
    }
  });

  corpusTest('the process still runs and /healthcheck answers after the corpus', async () => {
    assert.ok(served.alive(), served.log());
    expectStatus(await send('GET', '/healthcheck', { token: null }), 200, 'GET /healthcheck');
  });
});
