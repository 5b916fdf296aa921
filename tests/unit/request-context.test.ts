import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createContext, createRequestContext } from '../../core/context.js';
import type { Logger } from '../../core/logger.js';
import { flushLogs, givenCapturedLogger } from '../helpers/capture-logger.js';

/** A captured root logger that counts the children made from it. */
function givenCountingParent() {
  const captured = givenCapturedLogger();
  const child = captured.logger.child.bind(captured.logger);
  const made = { children: 0 };
  captured.logger.child = (fields) => {
    made.children += 1;
    return child(fields);
  };
  return { ...captured, made };
}

describe('request context (createRequestContext)', () => {
  test('is anonymous with the given ids, as createContext would make it', () => {
    const { logger } = givenCountingParent();
    const context = createRequestContext('req-1', 'req-global', logger);
    const { logger: _lazy, ...fields } = context;
    const { logger: _given, ...expected } = createContext({
      requestId: 'req-1',
      globalRequestId: 'req-global',
      logger
    });
    assert.deepEqual({ ...fields }, expected);
  });

  test('makes the child logger on first use only, and once', () => {
    const { logger, made } = givenCountingParent();
    const context = createRequestContext('req-1', null, logger);
    assert.equal(made.children, 0);
    const first = context.logger;
    assert.equal(made.children, 1);
    assert.equal(context.logger, first);
    assert.equal(made.children, 1);
  });

  test('its lines carry the request id, and the global id when there is one', async () => {
    const { logger, lines } = givenCountingParent();
    createRequestContext('req-1', null, logger).logger.info('alone');
    createRequestContext('req-2', 'req-global', logger).logger.info('forwarded');
    await flushLogs();
    const alone = lines.find((line) => line.message === 'alone');
    const forwarded = lines.find((line) => line.message === 'forwarded');
    assert.equal(alone?.requestId, 'req-1');
    assert.equal('globalRequestId' in (alone ?? {}), false);
    assert.equal(forwarded?.requestId, 'req-2');
    assert.equal(forwarded?.globalRequestId, 'req-global');
  });

  test('a logger assigned replaces the lazy child', () => {
    const { logger, made } = givenCountingParent();
    const context = createRequestContext('req-1', null, logger);
    const replacement = givenCapturedLogger().logger as Logger;
    context.logger = replacement;
    assert.equal(context.logger, replacement);
    assert.equal(made.children, 0);
  });

  test('contexts of different requests do not share a logger', () => {
    const { logger } = givenCountingParent();
    const one = createRequestContext('req-1', null, logger);
    const two = createRequestContext('req-2', null, logger);
    assert.notEqual(one.logger, two.logger);
  });
});
