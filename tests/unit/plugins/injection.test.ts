import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { container, inject, injectable } from 'tsyringe';
import { InjectionTokenMissingError } from '../../../core/errors.js';
import { EntryPoint } from '../../../core/plugins/entry-point.js';
import { instantiate } from '../../../core/plugins/instantiate.js';
import { givenCapturedLogger } from '../../helpers/capture-logger.js';

/** The plain JavaScript fixture (no types: it is JavaScript). */
const { PLAIN_GREETING, PlainForgetful, PlainInjected } = (await import(
  new URL('../../fixtures/plugins/plain-js-injected.js', import.meta.url).href
)) as { PLAIN_GREETING: symbol; PlainForgetful: Function; PlainInjected: Function };

const GREETING = Symbol('greeting');

function givenEntryPoint(name: string): EntryPoint {
  return new EntryPoint(
    'wharf.test.inject',
    name,
    '/x/plugin.js',
    name,
    { kind: 'project', file: '/x/entry-points.json' },
    `./plugin.js:${name}`
  );
}

function build(plugin: Function, invokeArgs: unknown[] = []): unknown {
  const host = container.createChildContainer();
  host.register(GREETING, { useValue: 'hello' });
  host.register(PLAIN_GREETING, { useValue: 'plain hello' });
  return instantiate(plugin, givenEntryPoint(plugin.name), {
    container: () => host,
    logger: givenCapturedLogger().logger,
    invokeArgs,
    invokeKwds: undefined
  });
}

/** What TypeScript emits for `@injectable()` and `@inject(GREETING)` without emitDecoratorMetadata. */
function givenDecoratedWithoutMetadata(): new (greeting: string) => { greeting: string } {
  class Greeter {
    constructor(readonly greeting: string) {}
  }
  inject(GREETING)(Greeter, undefined, 0);
  injectable()(Greeter);
  return Greeter;
}

function assertMissing(run: () => unknown, parameter: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InjectionTokenMissingError);
    assert.equal(error.code, 'WHARF_INJECTION_TOKEN_MISSING');
    assert.match(error.message, /^wharf\.test\.inject:\w+ \(\.\/plugin\.js:\w+\): /);
    assert.match(error.message, new RegExp(`\\("${parameter}"\\)`));
    assert.match(error.message, /emitDecoratorMetadata/);
    return true;
  });
}

describe('constructor injection', () => {
  test('uses the static inject list of a plain JavaScript class', () => {
    const built = build(PlainInjected) as { greeting: string; logger: { info: unknown } };
    assert.equal(built.greeting, 'plain hello');
    assert.equal(typeof built.logger.info, 'function');
  });

  test('uses @inject tokens without emitDecoratorMetadata', () => {
    const Greeter = givenDecoratedWithoutMetadata();
    assert.equal((build(Greeter) as { greeting: string }).greeting, 'hello');
  });

  test("builds a subclass without a constructor of its own with its parent's tokens", () => {
    class Loud extends givenDecoratedWithoutMetadata() {}
    injectable()(Loud);
    assert.equal((build(Loud) as { greeting: string }).greeting, 'hello');
  });

  test('fails, naming the extension, the parameter and the flag, where a parameter has no token', () => {
    class Forgetful {
      constructor(readonly services: unknown) {}
    }
    injectable()(Forgetful);
    assertMissing(() => build(Forgetful), 'services');
    assertMissing(() => build(PlainForgetful), 'services');
  });

  test('still passes invoke arguments positionally to a plain class, and fails when too few', () => {
    class Positional {
      constructor(
        readonly first: unknown,
        readonly second: unknown
      ) {}
    }
    assert.deepEqual({ ...(build(Positional, ['a', 'b']) as object) }, { first: 'a', second: 'b' });
    assertMissing(() => build(Positional, ['a']), 'second');
  });
});
