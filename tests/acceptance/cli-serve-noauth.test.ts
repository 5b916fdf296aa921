import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadHostConfig } from '../../core/server/host-config.js';
import { assembleHost } from '../../core/server/host.js';
import { CLI } from '../helpers/run-cli.js';
import { quietLogger } from '../unit/server/given.js';

describe('wharf serve with noauth2', () => {
  test('listens on 127.0.0.1 when no address is given, without a warning', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wharf-serve-noauth-'));
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('WHARF_'))
    );
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
      cwd,
      env: { ...env, XDG_CACHE_HOME: join(cwd, 'cache') },
      stdio: ['ignore', 'ignore', 'pipe']
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code))
    );
    let log = '';
    try {
      const host = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no listening line in 20 s:\n${log}`)),
          20_000
        );
        child.stderr.on('data', (chunk: Buffer) => {
          log += chunk.toString();
          const match = /osapi_compute listening on http:\/\/(.+):\d+/.exec(log);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      assert.equal(host, '127.0.0.1');
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
    assert.doesNotMatch(log, /auth_strategy = noauth2/);
  });

  test('the assembled host names the filters that believe claimed identities, per API', async () => {
    const trustingOf = async (authStrategy: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'wharf-serve-noauth-'));
      const config = await loadHostConfig({
        env: {},
        overrides: {
          'api.auth_strategy': authStrategy,
          'auth.token_secret': 'a-test-secret-of-at-least-32-characters',
          'database.connection': `sqlite:${join(dir, 'wharf.sqlite')}`
        }
      });
      const host = await assembleHost({ config, logger: quietLogger });
      await host.close();
      return Object.fromEntries(host.identityTrusting);
    };
    assert.deepEqual(await trustingOf('noauth2'), { osapi_compute: ['[filter:noauth2]'] });
    assert.deepEqual(await trustingOf('token'), {});
  });
});
