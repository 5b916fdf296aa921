import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const SPOOFED = {
  'X-Forwarded-Proto': 'https',
  'X-Forwarded-Host': 'evil.example.com',
  'X-Forwarded-Prefix': '/phish',
  Forwarded: 'proto=https;host=evil.example.com'
};

/** The self links, `Location` of the 302 from /v2.1 and a resource link the host builds. */
async function linksOf(host: TestHost, headers: Record<string, string>) {
  const redirect = await host.call('GET', '/v2.1', { token: null, headers });
  const version = await host.call('GET', '/v2.1/', { token: null, headers });
  const flavors = await host.call('GET', '/v2.1/flavors', { headers });
  assert.equal(redirect.status, 302);
  return {
    location: redirect.headers.get('location'),
    version: version.body.version.links[0].href as string,
    flavor: flavors.body.flavors[0].links[0].href as string
  };
}

async function withHost(overrides: Record<string, string>, run: (host: TestHost) => Promise<void>) {
  const host = await givenTestHost(overrides);
  try {
    await run(host);
  } finally {
    await host.close();
  }
}

describe('proxy headers on the default pipeline', () => {
  test('are ignored by default: a spoofing client gets untouched links', async () => {
    await withHost({}, async (host) => {
      const links = await linksOf(host, SPOOFED);
      assert.equal(links.location, `${host.url}/v2.1/`);
      assert.equal(links.version, `${host.url}/v2.1/`);
      assert.ok(links.flavor.startsWith(`${host.url}/v2.1/`), links.flavor);
    });
  });

  test('are ignored from a peer outside trusted_proxies when parsing is on', async () => {
    const overrides = {
      'oslo_middleware.enable_proxy_headers_parsing': 'true',
      'wsgi.trusted_proxies': '10.0.0.0/8, fd00::/8'
    };
    await withHost(overrides, async (host) => {
      assert.equal((await linksOf(host, SPOOFED)).location, `${host.url}/v2.1/`);
    });
  });

  test('are honoured from a trusted proxy', async () => {
    const overrides = {
      'oslo_middleware.enable_proxy_headers_parsing': 'true',
      'wsgi.trusted_proxies': '127.0.0.1'
    };
    await withHost(overrides, async (host) => {
      const links = await linksOf(host, SPOOFED);
      assert.equal(links.location, 'https://evil.example.com/phish/v2.1/');
      assert.equal(links.version, 'https://evil.example.com/phish/v2.1/');
      assert.ok(links.flavor.startsWith('https://evil.example.com/phish/v2.1/'), links.flavor);
    });
  });
});
