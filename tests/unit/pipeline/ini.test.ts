import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, PasteConfigError } from '../../../core/errors.js';
import { parseIni } from '../../../core/pipeline/ini.js';

function givenIni(...lines: string[]): string {
  return lines.join('\n');
}

function parseError(text: string): PasteConfigError {
  try {
    parseIni(text, 'test.ini', PasteConfigError);
  } catch (error) {
    assert.ok(error instanceof PasteConfigError);
    return error;
  }
  assert.fail('expected a parse error');
}

describe('parseIni', () => {
  test('reads sections and entries in order with their line numbers', () => {
    const sections = parseIni(
      givenIni('# comment', '[DEFAULT]', 'a = 1', '', '[app:x]', 'use: thing', 'path = /v2.1'),
      'test.ini',
      PasteConfigError
    );
    assert.deepEqual(sections, [
      { name: 'DEFAULT', line: 2, entries: [{ key: 'a', value: '1', line: 3 }] },
      {
        name: 'app:x',
        line: 5,
        entries: [
          { key: 'use', value: 'thing', line: 6 },
          { key: 'path', value: '/v2.1', line: 7 }
        ]
      }
    ]);
  });

  test('splits at the first = or : so values keep the other', () => {
    const [section] = parseIni(
      givenIni('[db]', 'connection = postgresql://u:p@h/db', '/v2.1: a=b'),
      'test.ini',
      ConfigError
    );
    assert.deepEqual(
      section!.entries.map(({ key, value }) => [key, value]),
      [
        ['connection', 'postgresql://u:p@h/db'],
        ['/v2.1', 'a=b']
      ]
    );
  });

  test('appends indented continuation lines to the value above', () => {
    const [section] = parseIni(
      givenIni(
        '[composite:x]',
        'noauth2 = cors request_id',
        '    faultwrap',
        '  # skipped',
        '\tapp',
        'next = 1'
      ),
      'test.ini',
      PasteConfigError
    );
    assert.equal(section!.entries[0]!.value, 'cors request_id\nfaultwrap\napp');
    assert.deepEqual(section!.entries[1], { key: 'next', value: '1', line: 6 });
  });

  test('ends a value at a blank line', () => {
    const [section] = parseIni(givenIni('[s]', 'a = 1', '', '  b = 2'), 'test.ini', ConfigError);
    assert.deepEqual(
      section!.entries.map(({ key, value }) => [key, value]),
      [
        ['a', '1'],
        ['b', '2']
      ]
    );
  });

  test('keeps # inside a value and accepts CRLF line ends', () => {
    const [section] = parseIni('[s]\r\nsecret = a#b;c\r\n', 'test.ini', ConfigError);
    assert.equal(section!.entries[0]!.value, 'a#b;c');
  });

  test('rejects a line without a key, naming file and line', () => {
    const error = parseError(givenIni('[s]', 'a = 1', '= 2'));
    assert.equal(error.code, 'WHARF_PASTE_CONFIG_INVALID');
    assert.match(error.message, /^test\.ini:3: line without a key/);
  });

  test('rejects a line that is neither an entry nor a header', () => {
    assert.match(
      parseError(givenIni('[s]', 'just words')).message,
      /^test\.ini:2: expected "key = value"/
    );
  });

  test('rejects an entry before any section', () => {
    assert.match(
      parseError(givenIni('', 'a = 1')).message,
      /^test\.ini:2: entry "a" before any \[section\]/
    );
  });

  test('rejects a duplicate section, naming both lines', () => {
    assert.match(
      parseError(givenIni('[a]', 'x = 1', '[a]')).message,
      /^test\.ini:3: duplicate section \[a\] \(first at line 1\)/
    );
  });

  test('rejects a duplicate key in a section, naming both lines', () => {
    assert.match(
      parseError(givenIni('[a]', 'x = 1', 'y = 2', 'x = 3')).message,
      /^test\.ini:4: duplicate key "x" in \[a\] \(first at line 2\)/
    );
  });

  test('rejects an empty section name', () => {
    assert.match(parseError(givenIni('[ ]')).message, /^test\.ini:1: empty section name/);
  });

  test('raises the caller error class', () => {
    assert.throws(() => parseIni('oops', 'wharf.conf', ConfigError), {
      code: 'WHARF_CONFIG_INVALID',
      message: /^wharf\.conf:1: /
    });
  });
});
