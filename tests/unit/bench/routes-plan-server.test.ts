/**
 * The bench's load-plan server (bench/servers/wharf-routes-plan.ts) starts as `wharf serve`
 * does: on a Node with a compile cache (>= 22.1) it enables it under `XDG_CACHE_HOME`
 * before importing wharf, so V8's cached code of wharf and of the plan's bundle is written
 * when it stops and read by the next round; and it writes the code cache of the plan bundle's
 * CommonJS form when stopped right after announcing, before it was ever idle.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SERVERS = fileURLToPath(new URL('../../../bench/', import.meta.url));
const HAS_COMPILE_CACHE =
  typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** An environment with fixtures and cache in a fresh folder, and the plan of 3 routes written. */
function givenWrittenPlan(): { env: NodeJS.ProcessEnv; cache: string; codeCache: string } {
  const root = mkdtempSync(join(tmpdir(), 'wharf-plan-server-'));
  const env = { ...process.env, WHARF_BENCH_FIXTURES: root, XDG_CACHE_HOME: join(root, 'cache') };
  execFileSync(process.execPath, [join(SERVERS, 'wharf', 'routes-load-plan.js'), '3'], { env });
  const codeCache = join(root, 'routes-3.plan.bundle.code-cache');
  return { env, cache: join(root, 'cache', 'wharf', 'compile-cache'), codeCache };
}

/** Starts the server, waits for its announcement, stops it with SIGTERM and waits for its exit. */
async function runServerOnce(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, [join(SERVERS, 'servers', 'wharf-routes-plan.js'), '3'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit']
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code} before announcing`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('benchListening')) resolve();
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('wharf-routes-plan bench server', () => {
  test('fills the compile cache where Node has one', { skip: !HAS_COMPILE_CACHE }, async () => {
    const { env, cache } = givenWrittenPlan();
    await runServerOnce(env);
    assert.ok(existsSync(cache), `no compile cache at ${cache}`);
    assert.ok(readdirSync(cache, { recursive: true }).length > 0);
  });

  test("writes the plan bundle's code cache when stopped right after announcing", async () => {
    const { env, codeCache } = givenWrittenPlan();
    await runServerOnce(env);
    assert.ok(existsSync(codeCache), `no code cache at ${codeCache}`);
  });
});
