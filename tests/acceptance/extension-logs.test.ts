/**
 * Attributed logs: every line an extension's code writes carries the extension's name, at
 * start-up (module import, construction, registration hooks, prepare, the paste factories
 * it contributes) and at request time, in both log formats. The drop-in `chatty` (entry
 * point `chatty`, alias `os-chatty`, filter `chatty_filter`, app `chatty_app`, all in the
 * pipeline of tests/fixtures/logs/api-paste.ini) writes one line per phase to a text and a
 * JSON logger.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { createLogger, type Logger } from '../../core/logger.js';
import { createTestHost, type TestHost } from 'wharf/testing';
import { flushLogs } from '../helpers/capture-logger.js';

const CHATTY = fileURLToPath(new URL('../fixtures/logs/chatty/', import.meta.url));
const PASTE = fileURLToPath(new URL('../fixtures/logs/api-paste.ini', import.meta.url));
const ENTRY_POINT = 'wharf.api.v21.extensions:chatty';

/** What each phase's line must carry: the entry point's name until the alias is known. */
const EXPECTED: [phase: string, extension: string, entryPoint: string | undefined][] = [
  ['import', 'chatty', ENTRY_POINT],
  ['construct', 'chatty', ENTRY_POINT],
  ['getResources', 'os-chatty', undefined],
  ['getControllerExtensions', 'os-chatty', undefined],
  ['prepare', 'os-chatty', ENTRY_POINT],
  ['filterFactory', 'chatty_filter', 'wharf.filters:chatty_filter'],
  ['appFactory', 'chatty_app', 'wharf.apps:chatty_app'],
  ['request', 'os-chatty', undefined]
];

/** A logger in `format` whose written lines (raw text) the test reads. */
function givenLogger(format: 'text' | 'json'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString().trimEnd());
      callback();
    }
  });
  return { logger: createLogger({ level: 'info', format, stream }), lines };
}

/** The one line whose message is `chatty: PHASE`. */
function lineOf(lines: string[], phase: string): string {
  const found = lines.filter((line) => line.includes(`chatty: ${phase}`));
  assert.equal(found.length, 1, `one "${phase}" line in:\n${lines.join('\n')}`);
  return found[0]!;
}

describe('log lines written by an extension', () => {
  const text = givenLogger('text');
  const json = givenLogger('json');
  let host: TestHost;

  before(async () => {
    (globalThis as Record<symbol, unknown>)[Symbol.for('wharf.test.loggers')] = [
      text.logger,
      json.logger
    ];
    host = await createTestHost({
      dropin: CHATTY,
      config: { 'wsgi.api_paste_config': PASTE },
      logger: createLogger({ silent: true })
    });
    assert.equal((await host.request('GET', '/v2.1/chatty')).status, 200);
    assert.equal((await host.request('GET', '/chatty-app')).status, 200);
    await flushLogs();
  });
  after(() => host.close());

  test('carry its name in JSON, from import to request', () => {
    for (const [phase, extension, entryPoint] of EXPECTED) {
      const line = JSON.parse(lineOf(json.lines, phase)) as Record<string, unknown>;
      assert.equal(line.extension, extension, phase);
      assert.equal(line.entryPoint, entryPoint, phase);
    }
    const request = JSON.parse(lineOf(json.lines, 'request')) as Record<string, unknown>;
    assert.match(String(request.requestId), /^req-/);
  });

  test('carry its name in text, from import to request', () => {
    for (const [phase, extension] of EXPECTED) {
      const line = lineOf(text.lines, phase);
      assert.match(line, /^\S+ info chatty: \S+ \{.*\}$/, phase);
      assert.equal(JSON.parse(line.slice(line.indexOf('{'))).extension, extension, phase);
    }
  });
});
