import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import { HTTPNotFound } from '../../../core/errors.js';
import { compose } from '../../../core/pipeline/compose.js';
import { installErrorSink } from '../../../core/http/error-sink.js';
import { givenNext, givenRequest, RESPONSE, settled } from './given.js';

/** A filter that records its name and passes on. */
function givenFilter(name: string, trail: string[]): RequestHandler {
  return (_req, _res, next) => {
    trail.push(name);
    next();
  };
}

describe('compose', () => {
  test('runs filters in order, then the app', () => {
    const trail: string[] = [];
    const app: RequestHandler = () => {
      trail.push('app');
    };
    const next = givenNext();
    compose([givenFilter('a', trail), givenFilter('b', trail), app])(
      givenRequest('/'),
      RESPONSE,
      next
    );
    assert.deepEqual(trail, ['a', 'b', 'app']);
    assert.deepEqual(next.calls, []);
  });

  test('continues with the outer next() when the app passes on', () => {
    const trail: string[] = [];
    const next = givenNext();
    compose([givenFilter('a', trail), givenFilter('app', trail)])(
      givenRequest('/'),
      RESPONSE,
      next
    );
    assert.deepEqual(next.calls, [[]]);
  });

  test('continues with the outer next() when there is nothing to run', () => {
    const next = givenNext();
    compose([])(givenRequest('/'), RESPONSE, next);
    assert.deepEqual(next.calls, [[]]);
  });

  test('refuses a second next() from one filter', () => {
    const twice: RequestHandler = function twice(_req, _res, next) {
      next();
      next();
    };
    const app: RequestHandler = () => undefined;
    const next = givenNext();
    compose([twice, app], ['[filter:twice]', '[app:app]'])(givenRequest('/'), RESPONSE, next);
    const [error] = next.calls[0] as [Error & { code: string }];
    assert.equal(error.code, 'WHARF_NEXT_CALLED_TWICE');
    assert.match(error.message, /^\[filter:twice\] called next\(\) more than once/);
  });

  test('names a filter by its function name when no label is given', async () => {
    const app: RequestHandler = () => undefined;
    const next = givenNext();
    compose([
      async function lateTwice(_req, _res, next) {
        next();
        await Promise.resolve();
        next();
      },
      app
    ])(givenRequest('/'), RESPONSE, next);
    await settled();
    assert.match(String((next.calls[0]![0] as Error).message), /^lateTwice called next\(\)/);
  });

  test('sends a thrown error to the outer next(error) and skips the rest', () => {
    const trail: string[] = [];
    const failure = new HTTPNotFound();
    const thrower: RequestHandler = () => {
      throw failure;
    };
    const next = givenNext();
    compose([thrower, givenFilter('app', trail)])(givenRequest('/'), RESPONSE, next);
    assert.deepEqual(next.calls, [[failure]]);
    assert.deepEqual(trail, []);
  });

  test('sends a rejected promise to the outer next(error)', async () => {
    const failure = new Error('database down');
    const next = givenNext();
    const trail: string[] = [];
    const app: RequestHandler = async () => {
      await Promise.resolve();
      throw failure;
    };
    compose([givenFilter('a', trail), app])(givenRequest('/'), RESPONSE, next);
    await settled();
    assert.deepEqual(next.calls, [[failure]]);
  });

  test('sends next(error) to the outer next(error)', () => {
    const failure = new Error('no');
    const next = givenNext();
    const trail: string[] = [];
    compose([(_req, _res, next) => next(failure), givenFilter('app', trail)])(
      givenRequest('/'),
      RESPONSE,
      next
    );
    assert.deepEqual([next.calls, trail], [[[failure]], []]);
  });

  test('names an error that is thrown as undefined', () => {
    const next = givenNext();
    compose([
      function rejectsNothing() {
        throw undefined;
      }
    ])(givenRequest('/'), RESPONSE, next);
    assert.equal((next.calls[0]![0] as { code: string }).code, 'WHARF_INTERNAL_ERROR');
  });

  test('passes next("router") outward unchanged', () => {
    const next = givenNext();
    compose([(_req, _res, next) => next('router')])(givenRequest('/'), RESPONSE, next);
    assert.deepEqual(next.calls, [['router']]);
  });

  test('sends errors to the error sink a filter installed', async () => {
    const sunk: unknown[] = [];
    const sink: RequestHandler = (req, _res, next) => {
      installErrorSink(req, (error) => sunk.push(error));
      next();
    };
    const failure = new Error('late');
    const next = givenNext();
    compose([
      sink,
      async () => {
        throw failure;
      }
    ])(givenRequest('/'), RESPONSE, next);
    await settled();
    assert.deepEqual([sunk, next.calls], [[failure], []]);
  });
});
