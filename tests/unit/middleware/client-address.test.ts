import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';
import {
  clientAddress,
  normalizeAddress,
  setClientAddress
} from '../../../core/middleware/client-address.js';

function givenRequest(remoteAddress: string | undefined): IncomingMessage {
  return { socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  test("is the socket's peer, an IPv4-mapped address in its IPv4 form", () => {
    assert.equal(clientAddress(givenRequest('::ffff:192.0.2.1')), '192.0.2.1');
    assert.equal(clientAddress(givenRequest('2001:db8::1')), '2001:db8::1');
    assert.equal(clientAddress(givenRequest(undefined)), '');
  });

  test('is what a trusted proxy reported, once recorded', () => {
    const req = givenRequest('10.0.0.1');
    setClientAddress(req, '::FFFF:198.51.100.7');
    assert.equal(clientAddress(req), '198.51.100.7');
  });
});

describe('normalizeAddress', () => {
  test('leaves other addresses alone', () => {
    for (const address of ['192.0.2.1', '::1', '::', '::ffff:1:2', 'fe80::1%eth0']) {
      assert.equal(normalizeAddress(address), address);
    }
  });
});
