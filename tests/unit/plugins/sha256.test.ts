/**
 * The load plan's SHA-256 (core/plugins/sha256.ts): Node's one-shot hash gives the digests
 * plans written by a Hash object recorded, for strings (as UTF-8), buffers and byte arrays.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { sha256 } from '../../../core/plugins/sha256.js';

const hashed = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

describe('sha256', () => {
  for (const [name, data] of [
    ['an empty string', ''],
    ['a plan-like JSON text', JSON.stringify({ kind: 'wharf-load-plan', format: 4 })],
    ['a string beyond ASCII', 'caf\u00e9 \u{1f680} \u0000'],
    ['a Buffer', Buffer.from('export const x = 1;\n')],
    ['a byte array of 100 kB', new Uint8Array(100_000).map((_, i) => i % 251)]
  ] as const) {
    test(`gives a Hash object's hex digest of ${name}`, () => {
      assert.equal(sha256(data), hashed(data));
    });
  }
});
