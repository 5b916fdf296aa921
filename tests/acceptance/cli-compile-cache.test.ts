/**
 * The command line keeps Node's compile cache under wharf's cache folder
 * (`$XDG_CACHE_HOME/wharf/compile-cache`) where Node has one (>= 22.1), and runs without it
 * on older Node (core/cli/compile-cache.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/run-cli.js';

const NODE_HAS_COMPILE_CACHE = 'enableCompileCache' in nodeModule;

describe('the compile cache of the command line', () => {
  test(`is ${NODE_HAS_COMPILE_CACHE ? 'written under' : 'absent from'} $XDG_CACHE_HOME/wharf on Node ${process.versions.node}`, async () => {
    const cacheHome = mkdtempSync(join(tmpdir(), 'wharf-compile-cache-'));
    const result = await runCli(['--version'], { env: { XDG_CACHE_HOME: cacheHome } });
    assert.equal(result.code, 0, result.stderr);
    const folder = join(cacheHome, 'wharf', 'compile-cache');
    if (NODE_HAS_COMPILE_CACHE) assert.ok(readdirSync(folder).length > 0, folder);
    else assert.ok(!existsSync(folder), folder);
  });
});
