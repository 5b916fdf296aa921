import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { parseDeadlineList } from '../../../core/api/request-deadlines.js';

const MODULE = new URL('../../../core/api/request-deadlines.js', import.meta.url).href;

describe('parseDeadlineList', () => {
  test('reads alias:seconds items', () => {
    assert.deepEqual(
      { ...parseDeadlineList(['os-migrate:300', ' slow.reports : 0.5', 'off:0']) },
      { 'os-migrate': 300, 'slow.reports': 0.5, off: 0 }
    );
  });

  test('refuses an item without an alias or a number of seconds >= 0', () => {
    for (const item of ['os-migrate', ':5', 'a:', 'a:soon', 'a:-1', 'a:Infinity']) {
      assert.throws(() => parseDeadlineList([item]), { code: 'WHARF_CONFIG_INVALID' }, item);
    }
  });
});

describe('RequestDeadlines', () => {
  test('never keeps a process alive with a request still watched', async () => {
    const script = `
      const { RequestDeadlines } = await import(${JSON.stringify(MODULE)});
      const deadlines = new RequestDeadlines({ defaultMs: 60000, perExtension: new Map() }, { recordFault() {} });
      deadlines.watch({}, {}, 'a');
      if (deadlines.watching !== 1) process.exit(3);
    `;
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { timeout: 20_000 },
        (error) => resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0)
      )
    );
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 20_000);
  });
});
