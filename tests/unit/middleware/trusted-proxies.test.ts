import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TrustedProxies } from '../../../core/middleware/trusted-proxies.js';

function givenTrusted(...entries: string[]): TrustedProxies {
  return TrustedProxies.parse(entries, (entry, expected) => {
    throw new Error(`${entry}: ${expected}`);
  });
}

describe('TrustedProxies', () => {
  test('trusts nobody when empty, loopback included', () => {
    const trusted = givenTrusted();
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', undefined]) {
      assert.equal(trusted.trusts(address), false, String(address));
    }
  });

  test('matches IPv4 addresses and blocks', () => {
    const trusted = givenTrusted('10.0.0.0/8', '192.0.2.5');
    assert.equal(trusted.trusts('10.255.0.1'), true);
    assert.equal(trusted.trusts('192.0.2.5'), true);
    assert.equal(trusted.trusts('192.0.2.6'), false);
    assert.equal(trusted.trusts('11.0.0.1'), false);
  });

  test('matches an IPv4-mapped IPv6 peer against IPv4 blocks', () => {
    const trusted = givenTrusted('127.0.0.0/8');
    assert.equal(trusted.trusts('::ffff:127.0.0.1'), true);
    assert.equal(trusted.trusts('::ffff:128.0.0.1'), false);
  });

  test('matches IPv6 addresses and blocks', () => {
    const trusted = givenTrusted('2001:db8::/32', '::1');
    assert.equal(trusted.trusts('2001:db8:1::9'), true);
    assert.equal(trusted.trusts('2001:db9::1'), false);
    assert.equal(trusted.trusts('::1'), true);
    assert.equal(trusted.trusts('127.0.0.1'), false);
  });

  test('trusts every address of a /0 block of its family only', () => {
    const trusted = givenTrusted('0.0.0.0/0');
    assert.equal(trusted.trusts('203.0.113.1'), true);
    assert.equal(trusted.trusts('2001:db8::1'), false);
  });

  test('does not trust what is not an address', () => {
    assert.equal(givenTrusted('0.0.0.0/0').trusts('localhost'), false);
  });

  test('refuses entries that are no address or block', () => {
    for (const entry of [
      'localhost',
      '10.0.0.0/33',
      '::/129',
      '10.0.0.0/',
      '10.0.0.0/-1',
      '1.2.3'
    ]) {
      assert.throws(() => givenTrusted(entry), new RegExp(entry.replace(/[./]/g, '\\$&')));
    }
  });
});
