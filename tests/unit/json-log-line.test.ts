/** The root logger's JSON line put together without winston's format chain. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type winston from 'winston';
import { jsonLogLine } from '../../core/json-log-line.js';

const require = createRequire(import.meta.url);
const MESSAGE = Symbol.for('message');

/** What winston's `json()` format writes for the record (the root logger's JSON format). */
function winstonJson(fields: object, level: string, message: string, timestamp: string): string {
  const { format } = require('winston') as typeof winston;
  const info = { ...fields, level, message, timestamp, [Symbol.for('level')]: level };
  const out = format.json().transform(info, {}) as Record<symbol, unknown>;
  return String(out[MESSAGE]);
}

const STAMP = '2026-12-07T14:25:31.123Z';

describe('jsonLogLine', () => {
  test("writes winston's json() text for records of plain values", () => {
    const records: Record<string, unknown>[] = [
      {},
      {
        method: 'GET',
        path: '/v2.1/widgets/42',
        status: 200,
        length: null,
        timeMs: 1.234,
        microversion: '2.1',
        requestId: 'req-1',
        extension: 'widgets',
        remoteAddress: '127.0.0.1'
      },
      {
        path: '/a "b"\\\n\u0001\u2028',
        lone: '\ud800x',
        pair: '\ud83d\ude00',
        ok: true,
        no: false
      },
      { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, negZero: -0, big: 1e21, tiny: 5e-7 },
      { gone: undefined, Zed: 1, zed: 2, _x: 3, 'quote"key': 4, é: 5, '10': 6, '9': 7, a: 'z' },
      { entryPoint: 'wharf.api.v21.extensions:widgets', extension: 'widgets' }
    ];
    for (const record of records) {
      for (const message of [
        'plain',
        '127.0.0.1 "GET /v2.1/widgets/42" status: 200',
        'tab\there'
      ]) {
        assert.equal(
          jsonLogLine(record, 'info', message, STAMP),
          winstonJson(record, 'info', message, STAMP),
          JSON.stringify(record)
        );
      }
    }
  });

  test('leaves to winston a record with another value or naming a field of its own', () => {
    for (const record of [
      { nested: { a: 1 } },
      { list: [1] },
      { big: 1n },
      { fn: () => undefined },
      { level: 'warn' },
      { message: 'mine' },
      { timestamp: 'then' }
    ]) {
      assert.equal(jsonLogLine(record, 'info', 'm', STAMP), null, Object.keys(record)[0]);
    }
  });
});
