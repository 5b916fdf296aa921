import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  clientOfChain,
  nodeAddress,
  parseForwarded
} from '../../../core/middleware/forwarded-header.js';

describe('parseForwarded', () => {
  test('reads each element, names in lower case, values unquoted', () => {
    const elements = parseForwarded('For="[2001:db8::1]:80";Proto=https, for=192.0.2.1;host="a,b"');
    assert.deepEqual(
      elements.map((element) => Object.fromEntries(element)),
      [
        { for: '[2001:db8::1]:80', proto: 'https' },
        { for: '192.0.2.1', host: 'a,b' }
      ]
    );
  });

  test('keeps the first of a repeated name and skips pairs without =', () => {
    const [element] = parseForwarded('for=1.2.3.4;junk;for=5.6.7.8');
    assert.deepEqual(Object.fromEntries(element!), { for: '1.2.3.4' });
  });
});

describe('nodeAddress', () => {
  test('takes addresses with or without a port', () => {
    assert.equal(nodeAddress(' 192.0.2.1 '), '192.0.2.1');
    assert.equal(nodeAddress('192.0.2.1:4711'), '192.0.2.1');
    assert.equal(nodeAddress('2001:db8::1'), '2001:db8::1');
    assert.equal(nodeAddress('[2001:db8::1]:4711'), '2001:db8::1');
    assert.equal(nodeAddress('[2001:db8::1]'), '2001:db8::1');
  });

  test('refuses what is no address', () => {
    for (const value of ['unknown', '_hidden', '', '[192.0.2.1]', '999.1.1.1', 'a.b:80']) {
      assert.equal(nodeAddress(value), null, value);
    }
  });
});

describe('clientOfChain', () => {
  const trusted = (address: string): boolean => address.startsWith('10.');

  test('is the nearest untrusted hop', () => {
    assert.equal(clientOfChain(['1.1.1.1', '2.2.2.2', '10.0.0.1'], trusted), '2.2.2.2');
  });

  test('is the farthest hop when every hop is trusted', () => {
    assert.equal(clientOfChain(['10.0.0.2', '10.0.0.1'], trusted), '10.0.0.2');
  });

  test('stops before a hop that is no address', () => {
    assert.equal(clientOfChain(['2.2.2.2', 'garbage', '10.0.0.1'], trusted), '10.0.0.1');
    assert.equal(clientOfChain(['2.2.2.2', 'garbage'], trusted), null);
    assert.equal(clientOfChain([], trusted), null);
  });
});
