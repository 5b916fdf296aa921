import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseValue, type ValueRule } from '../../../core/option-value.js';

function valueOf(rule: ValueRule, text: string): unknown {
  const parsed = parseValue(rule, text, '/base');
  return parsed.ok ? parsed.value : `problem: ${parsed.problem}`;
}

describe('parseValue', () => {
  test('reads booleans as oslo.config did', () => {
    for (const text of ['true', 'Yes', 'on', '1'])
      assert.equal(valueOf({ type: 'bool' }, text), true);
    for (const text of ['false', 'NO', 'off', '0'])
      assert.equal(valueOf({ type: 'bool' }, text), false);
    assert.match(String(valueOf({ type: 'bool' }, 'maybe')), /^problem: expected true or false/);
  });

  test('reads integers within bounds', () => {
    const rule: ValueRule = { type: 'int', min: 1, max: 10 };
    assert.equal(valueOf(rule, '+7'), 7);
    assert.equal(valueOf(rule, '0'), 'problem: must be at least 1');
    assert.equal(valueOf(rule, '11'), 'problem: must be at most 10');
    assert.equal(valueOf(rule, '1.5'), 'problem: expected an integer');
  });

  test('reads auto for integers that allow it', () => {
    assert.equal(valueOf({ type: 'int', auto: true }, 'auto'), 'auto');
    assert.equal(valueOf({ type: 'int' }, 'auto'), 'problem: expected an integer');
    assert.equal(valueOf({ type: 'int', auto: true }, 'x'), 'problem: expected an integer or auto');
  });

  test('reads floats', () => {
    assert.equal(valueOf({ type: 'float', min: 0 }, '.5'), 0.5);
    assert.equal(valueOf({ type: 'float', min: 0 }, '-1'), 'problem: must be at least 0');
    assert.equal(valueOf({ type: 'float' }, '1e3'), 'problem: expected a number');
  });

  test('reads comma- and newline-separated lists, dropping empty items', () => {
    assert.deepEqual(valueOf({ type: 'list' }, 'a, b ,,\nc'), ['a', 'b', 'c']);
    assert.deepEqual(valueOf({ type: 'list' }, ''), []);
    assert.deepEqual(valueOf({ type: 'list', items: 'path' }, 'x, /y'), ['/base/x', '/y']);
  });

  test('reads enums and patterned strings', () => {
    assert.equal(valueOf({ type: 'enum', choices: ['a', 'b'] }, 'b'), 'b');
    assert.equal(
      valueOf({ type: 'enum', choices: ['a', 'b'] }, 'A'),
      'problem: expected one of a, b'
    );
    assert.equal(
      valueOf({ type: 'string', pattern: /^\d/, patternHelp: 'a digit first' }, 'x'),
      'problem: expected a digit first'
    );
  });

  test('resolves paths against the base folder and keeps an empty path empty', () => {
    assert.equal(valueOf({ type: 'path' }, 'etc/p.ini'), '/base/etc/p.ini');
    assert.equal(valueOf({ type: 'path' }, ''), '');
  });
});
