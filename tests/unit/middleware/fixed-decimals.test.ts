import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixedDecimals } from '../../../core/middleware/fixed-decimals.js';

function assertAsToFixed(value: number, digits: number): void {
  assert.equal(fixedDecimals(value, digits), value.toFixed(digits), `${value} to ${digits}`);
}

describe('fixedDecimals', () => {
  test('writes what toFixed writes for random seconds', () => {
    for (let i = 0; i < 20_000; i++) {
      const value = Math.random() * 10 ** ((i % 7) - 3);
      for (const digits of [1, 2, 3, 4, 6, 7, 9]) assertAsToFixed(value, digits);
    }
  });

  test('writes what toFixed writes at halves, edges and beyond its fast range', () => {
    const values = [
      0,
      -0,
      0.5,
      0.125,
      1.005,
      0.00005,
      0.00015,
      2.675,
      1.45,
      0.0123456789,
      9.99995,
      0.99999,
      -0.0123,
      -1.5,
      2 ** 31,
      2 ** 31 / 10_000,
      1e21,
      1e-7,
      NaN,
      Infinity,
      -Infinity
    ];
    for (const value of values)
      for (const digits of [0, 1, 2, 3, 4, 6, 7, 9, 10, 20]) assertAsToFixed(value, digits);
  });
});
