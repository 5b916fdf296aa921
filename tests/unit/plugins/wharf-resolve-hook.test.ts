/**
 * The resolve hook that provides the host's `wharf`: a module whose own lookup fails gets
 * the host's copy, and the other modules of its folder get it without a second failed
 * lookup; other folders and other specifiers are resolved as Node would.
 */
import assert from 'node:assert/strict';
import type { ResolveFnOutput, ResolveHookContext } from 'node:module';
import { test } from 'node:test';
import { resolve } from '../../../core/plugins/wharf-resolve-hook.js';

const HOST = new URL('../../../core/plugins/wharf-resolve-hook.js', import.meta.url).href;
const DROPIN = 'file:///srv/dropins/greetings/dist/';
const OWN_COPY = 'file:///srv/installed/with-own-wharf/dist/';

/** A stand-in for Node's resolution: `wharf` is found from the host and OWN_COPY only. */
function givenNextResolve() {
  const calls: { specifier: string; parentURL: string | undefined }[] = [];
  const nextResolve = async (
    specifier: string,
    context?: Partial<ResolveHookContext>
  ): Promise<ResolveFnOutput> => {
    const parentURL = context?.parentURL;
    calls.push({ specifier, parentURL });
    const found = parentURL === HOST || parentURL?.startsWith(OWN_COPY) === true;
    if (specifier === 'wharf' && !found) {
      throw Object.assign(new Error(`Cannot find package 'wharf'`), {
        code: 'ERR_MODULE_NOT_FOUND'
      });
    }
    return { url: `resolved:${specifier}:${parentURL === HOST ? 'host' : 'own'}` };
  };
  return { calls, nextResolve };
}

function contextFrom(parentURL: string): ResolveHookContext {
  return { conditions: ['node', 'import'], importAttributes: {}, importAssertions: {}, parentURL };
}

test('gives a folder the host wharf after one failed lookup, then without one', async () => {
  const { calls, nextResolve } = givenNextResolve();
  const first = await resolve('wharf', contextFrom(`${DROPIN}a.js`), nextResolve);
  assert.equal(first.url, 'resolved:wharf:host');
  assert.equal(calls.length, 2);
  const second = await resolve('wharf', contextFrom(`${DROPIN}b.js`), nextResolve);
  assert.equal(second.url, 'resolved:wharf:host');
  assert.deepEqual(calls.slice(2), [{ specifier: 'wharf', parentURL: HOST }]);
});

test('keeps the copy a package resolves itself, and leaves other specifiers alone', async () => {
  const { calls, nextResolve } = givenNextResolve();
  const own = await resolve('wharf', contextFrom(`${OWN_COPY}index.js`), nextResolve);
  assert.equal(own.url, 'resolved:wharf:own');
  const other = await resolve('./helper.js', contextFrom(`${DROPIN}a.js`), nextResolve);
  assert.equal(other.url, 'resolved:./helper.js:own');
  assert.equal(calls.length, 2);
});
