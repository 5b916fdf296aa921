import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestContext } from 'wharf';
import {
  ServerCreateHooks,
  type ServerCreateHook
} from '../../../extensions/servers/create-hooks.js';

const CONTEXT = { projectId: 'p', userId: 'u' } as RequestContext;

/** Hooks by name from a list of `serverCreate` functions, in that order. */
function givenHooks(
  ...creates: NonNullable<ServerCreateHook['serverCreate']>[]
): ServerCreateHooks {
  return new ServerCreateHooks(
    new Map(creates.map((serverCreate, index) => [`hook${index}`, { serverCreate }]))
  );
}

describe('ServerCreateHooks.apply', () => {
  test('answers the arguments at once when every hook is synchronous', () => {
    const hooks = givenHooks(
      (_, kwargs) => void (kwargs.minCount = 1),
      (_, kwargs) => void (kwargs.maxCount = 2)
    );
    assert.deepEqual(hooks.apply({}, CONTEXT), { minCount: 1, maxCount: 2 });
  });

  test('runs the hooks after an asynchronous one once it finished, in order', async () => {
    const order: string[] = [];
    const hooks = givenHooks(
      () => void order.push('first'),
      async (_, kwargs) => {
        await new Promise((resolve) => setImmediate(resolve));
        order.push('async');
        kwargs.minCount = 2;
      },
      (_, kwargs) => {
        order.push('last');
        kwargs.maxCount = kwargs.minCount === 2 ? 3 : 0;
      }
    );
    const applied = hooks.apply({}, CONTEXT);
    assert.ok(applied instanceof Promise);
    assert.deepEqual(await applied, { minCount: 2, maxCount: 3 });
    assert.deepEqual(order, ['first', 'async', 'last']);
  });

  test('throws what a synchronous hook throws, and rejects with an asynchronous one', async () => {
    const failure = new Error('no');
    assert.throws(
      () =>
        givenHooks(() => {
          throw failure;
        }).apply({}, CONTEXT),
      failure
    );
    await assert.rejects(
      async () => givenHooks(() => Promise.reject(failure)).apply({}, CONTEXT),
      failure
    );
  });
});
