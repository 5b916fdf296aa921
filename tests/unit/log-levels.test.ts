import assert from 'node:assert/strict';
import { test } from 'node:test';
import winston from 'winston';
import { LOG_LEVELS } from '../../core/log-levels.js';

test("LOG_LEVELS are winston's npm levels, most severe first", () => {
  const byPriority = Object.entries(winston.config.npm.levels)
    .sort(([, a], [, b]) => a - b)
    .map(([name]) => name);
  assert.deepEqual([...LOG_LEVELS], byPriority);
});
