import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  requestLineJson,
  type RequestLineFields
} from '../../../core/middleware/request-line-json.js';

/** A request-log record built as the request log builds it (same keys, same order). */
function givenFields(overrides: Partial<Record<keyof RequestLineFields, unknown>> = {}) {
  const fields = {
    method: 'GET',
    path: '/v2.1/widgets/42',
    status: 200,
    length: 57,
    timeMs: 1.234,
    microversion: '2.1',
    requestId: 'req-7f0c3f9e-3c55-4d8e-9a43-1d2b0c7e9f10',
    extension: 'widgets',
    remoteAddress: '127.0.0.1'
  };
  return Object.assign(fields, overrides) as RequestLineFields;
}

const TEXTS = [
  '',
  'plain',
  'a "quoted" word',
  'back\\slash',
  'tab\tnew\nline\r',
  '\u0000\u001f\u007f',
  'caf\u00e9 \u4e2d\u6587',
  '\u2028\u2029',
  'pair \ud83d\ude00',
  'lone \ud83d high',
  'lone \ude00 low',
  '</script>'
];
const NUMBERS = [0, -0, 200, 1.5, 0.1 + 0.2, 1e21, 1e-7, -3, NaN, Infinity, -Infinity, 2 ** 53];

describe('requestLineJson', () => {
  test("writes JSON.stringify's text for every string field", () => {
    const keys = ['method', 'path', 'microversion', 'requestId', 'extension', 'remoteAddress'];
    for (const key of keys)
      for (const value of TEXTS) {
        const fields = givenFields({ [key]: value });
        assert.equal(requestLineJson(fields), JSON.stringify(fields), `${key}: ${value}`);
      }
  });

  test("writes JSON.stringify's text for every number field", () => {
    for (const key of ['status', 'length', 'timeMs'])
      for (const value of NUMBERS) {
        const fields = givenFields({ [key]: value });
        assert.equal(requestLineJson(fields), JSON.stringify(fields), `${key}: ${value}`);
      }
  });

  test('writes the same text when a repeated value alternates with one that needs escapes', () => {
    const keys = ['method', 'path', 'microversion', 'extension', 'remoteAddress'] as const;
    for (const key of keys)
      for (const value of ['plain', 'a "quoted" word', 'plain', 'tab\t', 'plain', 'plain']) {
        const fields = givenFields({ [key]: value });
        assert.equal(requestLineJson(fields), JSON.stringify(fields), `${key}: ${value}`);
      }
  });

  test('writes the same text as the repeated parts change, from empty and null values on', () => {
    const changes: Partial<Record<keyof RequestLineFields, unknown>>[] = [
      { method: '', microversion: null, extension: null, remoteAddress: null },
      { method: '', microversion: '', extension: '', remoteAddress: '' },
      {},
      { microversion: null },
      { extension: null, remoteAddress: '::1' },
      { method: 'POST', remoteAddress: null },
      { extension: 'servers' },
      { status: 404, length: null },
      { status: 404, length: 0 },
      { status: Number.NaN, length: Number.NaN },
      { status: 200, length: 15 },
      {}
    ];
    for (const change of changes) {
      const fields = givenFields(change);
      assert.equal(requestLineJson(fields), JSON.stringify(fields), JSON.stringify(change));
    }
  });

  test("writes String's text for every time from 0 to 1000 ms in thousandths, and beyond", () => {
    for (let thousandths = 0; thousandths <= 1_000_000; thousandths++) {
      const timeMs = thousandths / 1000;
      const json = requestLineJson(givenFields({ timeMs }));
      assert.ok(json.includes(`"timeMs":${String(timeMs)},`), `${timeMs}: ${json}`);
    }
    for (const timeMs of [2 ** 31 / 1000, 2 ** 31 / 1000 + 0.001, 1e15 / 1000, 0.0005, 1.2345]) {
      const fields = givenFields({ timeMs });
      assert.equal(requestLineJson(fields), JSON.stringify(fields), String(timeMs));
    }
  });

  test('writes null for the fields that may be null', () => {
    const fields = givenFields({
      length: null,
      microversion: null,
      extension: null,
      remoteAddress: null
    });
    assert.equal(requestLineJson(fields), JSON.stringify(fields));
  });

  test('takes JSON.stringify for a value of another type than declared', () => {
    for (const value of [undefined, { toJSON: () => 'x' }, true, ['a']]) {
      for (const key of ['path', 'status', 'length', 'requestId', 'extension'] as const) {
        const fields = givenFields({ [key]: value });
        assert.equal(requestLineJson(fields), JSON.stringify(fields), `${key}: ${String(value)}`);
      }
    }
  });
});
