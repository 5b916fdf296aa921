/** Setup helpers shared by the configuration tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../core/errors.js';
import assert from 'node:assert/strict';

/** Writes a wharf.conf with `lines` into a fresh folder; returns its path. */
export function givenConfigFile(...lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wharf-config-')), 'wharf.conf');
  writeFileSync(file, lines.join('\n'));
  return file;
}

/** Asserts `load` fails with a ConfigError whose message matches `pattern`. */
export function assertConfigError(load: () => unknown, pattern: RegExp): void {
  assert.throws(load, (error: unknown) => {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.equal(error.code, 'WHARF_CONFIG_INVALID');
    assert.match(error.message, pattern);
    return true;
  });
}
