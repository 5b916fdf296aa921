import assert from 'node:assert/strict';
import { AsyncResource } from 'node:async_hooks';
import { describe, test } from 'node:test';
import { createContext } from '../../core/context.js';
import {
  ExtensionScope,
  blameCurrentExtension,
  currentExtension,
  currentLoadScope,
  currentScope,
  runInScope,
  runLoading,
  runOutsideScopes,
  type FaultKind,
  type FaultRecorder
} from '../../core/extension-scope.js';
import { logUnhandledRejection } from '../../core/unhandled-rejections.js';
import { flushLogs, givenCapturedLogger } from '../helpers/capture-logger.js';

/** A fault recorder that remembers what it was told. */
function givenRecorder(): FaultRecorder & { faults: [string, FaultKind, string | null][] } {
  const faults: [string, FaultKind, string | null][] = [];
  return { faults, recordFault: (...fault) => void faults.push(fault) };
}

function givenScope(extension: string) {
  const { logger, lines } = givenCapturedLogger();
  const recorder = givenRecorder();
  const context = createContext({ logger });
  return { scope: new ExtensionScope(extension, context, recorder), context, lines, recorder };
}

describe('extension scope', () => {
  test('names the extension whose code runs, through timers and promises', async () => {
    const { scope } = givenScope('os-widgets');
    assert.equal(currentExtension(), null);
    const seen = await runInScope(scope, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return new Promise((resolve) => setImmediate(() => resolve(currentExtension())));
    });
    assert.equal(seen, 'os-widgets');
    assert.equal(currentExtension(), null);
  });

  test('stamps log lines written in scope with the extension and request id, later ones too', async () => {
    const { scope, context, lines } = givenScope('os-widgets');
    await runInScope(scope, async () => {
      context.logger.info('now');
      await new Promise((resolve) => setTimeout(resolve, 1));
      context.logger.child({ label: 'x' }).info('later');
    });
    context.logger.info('outside');
    await flushLogs();
    const [now, later, outside] = lines;
    assert.deepEqual([now!.extension, now!.requestId], ['os-widgets', context.requestId]);
    assert.deepEqual([later!.extension, later!.requestId], ['os-widgets', context.requestId]);
    assert.equal(outside!.extension, undefined);
  });

  test('keeps the fields a line sets itself', async () => {
    const { scope, context, lines } = givenScope('os-widgets');
    runInScope(scope, () => context.logger.info('mine', { extension: null, requestId: 'req-1' }));
    await flushLogs();
    assert.deepEqual([lines[0]!.extension, lines[0]!.requestId], [null, 'req-1']);
  });

  test('blames the extension of the current scope for a fault', () => {
    const { scope, context, recorder } = givenScope('os-widgets');
    assert.equal(blameCurrentExtension('exception'), null);
    const blamed = runInScope(scope, () => blameCurrentExtension('exception'));
    assert.deepEqual(blamed, { extension: 'os-widgets', requestId: context.requestId });
    assert.deepEqual(recorder.faults, [['os-widgets', 'exception', context.requestId]]);
  });
});

/** What a timer started now sees of the scopes when it fires. */
function scopesSeenLater(): Promise<[string | undefined, string | undefined]> {
  return new Promise((resolve) =>
    setTimeout(() => resolve([currentScope()?.extension, currentLoadScope()?.extension]), 1)
  );
}

/** Stores Node 20's async hooks put on an async resource, one per enabled AsyncLocalStorage. */
function storesOn(resource: object): number {
  return Object.getOwnPropertySymbols(resource).filter(
    (key) => key.description === 'kResourceStore'
  ).length;
}

describe('extension scope and load scope together', () => {
  const load = { extension: 'os-loader', entryPoint: 'wharf.api.extensions:os-loader' };

  test('puts at most one store on each async resource, whichever scopes ran', async () => {
    const { scope } = givenScope('os-widgets');
    await runLoading(load, async () => undefined);
    const resource = runInScope(scope, () => new AsyncResource('probe'));
    assert.ok(storesOn(resource) <= 1, `${storesOn(resource)} stores`);
  });

  test('stamps lines of work a load scope left running with it, after it returned', async () => {
    const { logger, lines } = givenCapturedLogger();
    let later!: Promise<void>;
    await runLoading(load, async () => {
      later = new Promise((resolve) => setTimeout(resolve, 5)).then(
        () => void logger.info('later')
      );
    });
    logger.info('outside');
    await later;
    await flushLogs();
    const [outside, inLoad] = lines;
    assert.equal(outside!.extension, undefined);
    assert.deepEqual([inLoad!.extension, inLoad!.entryPoint], [load.extension, load.entryPoint]);
  });

  test('lets an extension scope win over a load scope, started inside it or around it', async () => {
    const { scope, context, lines, recorder } = givenScope('os-widgets');
    await runLoading(load, () => runInScope(scope, async () => context.logger.info('request')));
    const blamed = runInScope(scope, () =>
      runLoading(load, () => {
        context.logger.info('load in request');
        return blameCurrentExtension('error');
      })
    );
    await flushLogs();
    for (const line of lines) {
      assert.deepEqual(
        [line.extension, line.requestId, line.entryPoint],
        ['os-widgets', context.requestId, undefined]
      );
    }
    assert.equal(blamed?.extension, 'os-widgets');
    assert.deepEqual(recorder.faults, [['os-widgets', 'error', context.requestId]]);
  });

  test('runOutsideScopes leaves a request scope and keeps a load scope', async () => {
    const { scope } = givenScope('os-widgets');
    const inRequest = runInScope(scope, () => runOutsideScopes(scopesSeenLater));
    const inLoad = runLoading(load, () => runOutsideScopes(scopesSeenLater));
    const inside = runInScope(scope, scopesSeenLater);
    assert.deepEqual(await inRequest, [undefined, undefined]);
    assert.deepEqual(await inLoad, [undefined, 'os-loader']);
    assert.deepEqual(await inside, ['os-widgets', undefined]);
  });
});

describe('logUnhandledRejection', () => {
  test('logs a rejection with its extension and request id and counts the fault', async () => {
    const { scope, context, lines, recorder } = givenScope('os-widgets');
    const fallback = givenCapturedLogger();
    runInScope(scope, () => logUnhandledRejection(new Error('lost'), fallback.logger));
    await flushLogs();
    assert.equal(lines[0]!.level, 'error');
    assert.equal(lines[0]!.extension, 'os-widgets');
    assert.equal(lines[0]!.requestId, context.requestId);
    assert.equal(lines[0]!.error, 'lost');
    assert.deepEqual(recorder.faults, [['os-widgets', 'rejection', context.requestId]]);
    assert.equal(fallback.lines.length, 0);
  });

  test('logs a rejection outside any request to the fallback logger, blaming nobody', async () => {
    const fallback = givenCapturedLogger();
    logUnhandledRejection('plain reason', fallback.logger);
    await flushLogs();
    assert.equal(fallback.lines[0]!.level, 'error');
    assert.equal(fallback.lines[0]!.extension, undefined);
    assert.equal(fallback.lines[0]!.error, 'plain reason');
  });
});
