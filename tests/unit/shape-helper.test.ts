/** The response-shape checker the response-shapes suites rely on must itself catch drift. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mapOf, oneOf, shapeMismatch, type Shape } from '../helpers/shape.js';

const SERVER: Shape = {
  id: 'string',
  progress: 'integer',
  key_name: oneOf('string', 'null'),
  metadata: mapOf('string'),
  links: [{ rel: 'string', href: 'string' }]
};

const GOOD = {
  id: 'a',
  progress: 0,
  key_name: null,
  metadata: { role: 'web' },
  links: [{ rel: 'self', href: 'http://x' }]
};

describe('shapeMismatch', () => {
  test('accepts a value with exactly the keys and types of its shape', () => {
    assert.equal(shapeMismatch(GOOD, SERVER), null);
    assert.equal(shapeMismatch({ ...GOOD, key_name: 'k', links: [] }, SERVER), null);
  });

  test('names an extra key and a missing key with their path', () => {
    const { progress: _progress, ...missing } = GOOD;
    assert.match(
      shapeMismatch({ ...missing, extra: 1 }, SERVER)!,
      /^\$: .*\[extra\].*\[progress\]/
    );
    const nested = { ...GOOD, links: [{ rel: 'self', href: 'h', type: 't' }] };
    assert.match(shapeMismatch(nested, SERVER)!, /^\$\.links\[0\]: .*\[type\]/);
  });

  test('tells a string from a number, an integer from a fraction and null from an object', () => {
    assert.match(shapeMismatch({ ...GOOD, id: 1 }, SERVER)!, /^\$\.id: expected string/);
    assert.match(
      shapeMismatch({ ...GOOD, progress: 0.5 }, SERVER)!,
      /^\$\.progress: expected integer/
    );
    assert.match(shapeMismatch({ ...GOOD, key_name: 3 }, SERVER)!, /\$\.key_name/);
    assert.match(shapeMismatch(null, SERVER)!, /^\$: expected object, got null/);
    assert.match(shapeMismatch({ ...GOOD, metadata: { a: 1 } }, SERVER)!, /\$\.metadata\["a"\]/);
    assert.match(shapeMismatch({ ...GOOD, links: {} }, SERVER)!, /expected array/);
  });
});
