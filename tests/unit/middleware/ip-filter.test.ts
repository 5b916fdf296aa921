import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import { ConfigError } from '../../../core/errors.js';
import { httpProxyToWsgiFilter } from '../../../core/middleware/http-proxy-to-wsgi.js';
import { ipFilter } from '../../../core/middleware/ip-filter.js';
import { givenApp, givenConfigContainer, givenFactoryContext, givenFilter } from './given.js';

/** The test client (loopback) is a trusted proxy: X-Forwarded-For names the client. */
const TRUSTING = { enable_proxy_headers_parsing: 'true', trusted_proxies: '127.0.0.0/8, ::1' };

/** The status a client at `forwardedFor` gets through a trusting proxy filter and ip_filter. */
async function statusFor(
  localConf: Record<string, string>,
  forwardedFor?: string,
  proxyConf: Record<string, string> = TRUSTING
): Promise<number> {
  const app = givenApp([
    await givenFilter(httpProxyToWsgiFilter, proxyConf),
    await givenFilter(ipFilter, localConf)
  ]);
  const call = request(app).get('/');
  const res = await (forwardedFor === undefined ? call : call.set('X-Forwarded-For', forwardedFor));
  return res.status;
}

describe('ip_filter filter', () => {
  test('serves everyone when allow and deny are empty', async () => {
    assert.equal(await statusFor({}, '203.0.113.9'), 200);
    assert.equal(await statusFor({}, '2001:db8::1'), 200);
  });

  test('serves only the allowed IPv4 and IPv6 blocks when allow is set', async () => {
    const conf = { allow: '192.0.2.0/24, 2001:db8::/32' };
    assert.equal(await statusFor(conf, '192.0.2.77'), 200);
    assert.equal(await statusFor(conf, '2001:db8:1::5'), 200);
    assert.equal(await statusFor(conf, '198.51.100.1'), 403);
    assert.equal(await statusFor(conf, '2001:db9::1'), 403);
  });

  test('refuses a denied address even when allow lists it', async () => {
    const conf = { allow: '10.0.0.0/8', deny: '10.1.0.0/16, 2001:db8::dead' };
    assert.equal(await statusFor(conf, '10.2.3.4'), 200);
    assert.equal(await statusFor(conf, '10.1.3.4'), 403);
    assert.equal(await statusFor({ deny: '2001:db8::dead' }, '2001:db8::dead'), 403);
    assert.equal(await statusFor({ deny: '2001:db8::dead' }, '2001:db8::beef'), 200);
  });

  test('answers a refusal with a forbidden fault', async () => {
    const app = givenApp([await givenFilter(ipFilter, { deny: '127.0.0.0/8' })]);
    const res = await request(app).get('/').expect(403);
    assert.equal(res.body.forbidden?.code, 403);
  });

  test('judges the socket peer when the proxy is not trusted', async () => {
    const untrusting = { enable_proxy_headers_parsing: 'true', trusted_proxies: '10.0.0.0/8' };
    // The spoofed header is ignored: the loopback peer is what is judged.
    assert.equal(await statusFor({ deny: '127.0.0.1' }, '203.0.113.9', untrusting), 403);
    assert.equal(await statusFor({ allow: '203.0.113.9' }, '203.0.113.9', untrusting), 403);
    assert.equal(await statusFor({ allow: '127.0.0.1' }, undefined, untrusting), 200);
  });

  test('judges the client a trusted proxy reports', async () => {
    assert.equal(await statusFor({ deny: '127.0.0.1' }, '203.0.113.9'), 200);
    assert.equal(await statusFor({ deny: '203.0.113.0/24' }, '203.0.113.9'), 403);
  });

  test('reads allow and deny from [ip_filter] of wharf.conf', async () => {
    const container = givenConfigContainer({ ip_filter: { allow: [], deny: ['127.0.0.1'] } });
    const app = givenApp([await givenFilter(ipFilter, {}, { container })]);
    await request(app).get('/').expect(403);
  });

  test('refuses a bad entry at start-up, naming the option', () => {
    const bad: Record<string, string>[] = [
      { allow: 'not-an-address' },
      { deny: '10.0.0.0/33' },
      { deny: '::/129' }
    ];
    for (const conf of bad)
      assert.throws(
        () => ipFilter(givenFactoryContext(conf)),
        (error: unknown) =>
          error instanceof ConfigError && error.message.includes(Object.keys(conf)[0]!)
      );
  });
});
