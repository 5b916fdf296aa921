/**
 * Metrics across workers: `wharf serve --workers 2` answers `/v2.1/metrics` with the sum
 * over both workers. Each request goes on a new connection, so the primary hands them to
 * the workers in turn; one worker's own count would be about half.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { givenServedHost, type ServedHost } from '../helpers/served-host.js';

const REQUESTS = 20;

/** GET `path` on a connection of its own; resolves with the status and body. */
function getOnce(
  url: string,
  path: string,
  token = 'user1:project1'
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { agent: false, headers: { 'x-auth-token': token } });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The value of `wharf_requests_total` for GET /flavors 200, or undefined. */
function flavorsCount(text: string): number | undefined {
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('wharf_requests_total{') &&
        l.includes('route="/flavors"') &&
        l.includes('method="GET"') &&
        l.includes('status="200"')
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('GET /v2.1/metrics with --workers 2', { timeout: 60_000 }, () => {
  let host: ServedHost;
  let scraped: string;
  before(async () => {
    host = await givenServedHost({
      args: ['--workers', '2'],
      conf: { DEFAULT: { log_level: 'info' } }
    });
    // Both workers listen once each has logged its listening line.
    const deadline = Date.now() + 30_000;
    while ((host.log().match(/osapi_compute listening on/g) ?? []).length < 2) {
      assert.ok(Date.now() < deadline, `two workers did not listen:\n${host.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (let i = 0; i < REQUESTS; i++) {
      assert.equal((await getOnce(host.url, '/v2.1/flavors')).status, 200);
    }
    const reply = await getOnce(host.url, '/v2.1/metrics', 'admin:admin');
    assert.equal(reply.status, 200, reply.body);
    scraped = reply.body;
  });
  after(() => host?.stop('SIGKILL'));

  test('counts the requests of every worker', () => {
    assert.equal(flavorsCount(scraped), REQUESTS);
  });

  test('still serves the default metrics, aggregated', () => {
    assert.match(scraped, /^process_cpu_user_seconds_total \S+$/m);
    assert.match(scraped, /^wharf_request_duration_seconds_count\{.*route="\/flavors".*\} 20$/m);
  });
});
