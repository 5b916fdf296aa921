import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { verifyToken } from '../../core/host.js';
import { runCli } from '../helpers/run-cli.js';

const CHECK_DROPINS = fileURLToPath(new URL('../fixtures/check/dropins/', import.meta.url));
const SECRET = 'a-test-secret-of-enough-length';

describe('wharf extensions list (bundled)', () => {
  test('shows each API extension alias and what it contributes', async () => {
    const result = await runCli([
      'extensions',
      'list',
      '--namespace',
      'wharf.api.v21.extensions',
      '--json'
    ]);
    assert.equal(result.code, 0, result.stderr);
    const info = (
      JSON.parse(result.stdout) as { name: string; api: { alias: string; resources: string[] } }[]
    ).find((row) => row.name === 'extensions')!;
    assert.deepEqual(info.api.alias, 'extensions');
    assert.deepEqual(info.api.resources, ['extensions', 'wharf/extensions']);
  });
});

describe('wharf routes', () => {
  test('prints every route as JSON with its handler, extension and microversion range', async () => {
    const result = await runCli(['routes', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const routes = JSON.parse(result.stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(routes[0]!).sort(), [
      'details',
      'extension',
      'handler',
      'maxVersion',
      'method',
      'minVersion',
      'name',
      'path'
    ]);
    assert.ok(
      routes.some(
        (route) =>
          route.method === 'GET' &&
          route.path === '/extensions' &&
          route.handler === 'ExtensionInfoController.index' &&
          route.extension === 'extensions' &&
          route.name === 'extensions'
      )
    );
  });

  test('marks the routes a POST reaches once the paste file uses method_override', async () => {
    const shipped = readFileSync(new URL('../../../etc/api-paste.ini', import.meta.url), 'utf8');
    const defined = shipped.replace(
      '[filter:ratelimit]',
      '[filter:method_override]\nuse = method_override\n\n[filter:ratelimit]'
    );
    const dir = mkdtempSync(join(tmpdir(), 'wharf-routes-'));
    const idle = join(dir, 'idle.ini');
    const used = join(dir, 'used.ini');
    writeFileSync(idle, defined);
    writeFileSync(used, defined.replaceAll(' version_root ', ' method_override version_root '));
    const marked = async (file: string) => {
      const result = await runCli(['routes', '--json', '--paste-config', file]);
      assert.equal(result.code, 0, result.stderr);
      const routes = JSON.parse(result.stdout) as { method: string; details: string[] }[];
      return new Set(
        routes.filter((route) => route.details.includes('_method')).map((route) => route.method)
      );
    };
    assert.deepEqual(await marked(idle), new Set());
    assert.deepEqual(await marked(used), new Set(['GET', 'PUT', 'DELETE']));
  });

  test('prints a table', async () => {
    const result = await runCli(['routes']);
    assert.match(
      result.stdout.split('\n')[0]!,
      /^NAME\s+METHOD\s+PATH\s+HANDLER\s+EXTENSION\s+MIN\s+MAX\s+DETAILS$/
    );
  });
});

describe('wharf check', () => {
  test('exits 0 on the bundled set', async () => {
    const result = await runCli(['check', '--json']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { ok: true, problems: [] });
  });

  test('exits 1 naming both extensions when a drop-in collides with a bundled alias', async () => {
    const result = await runCli(['check', '--json', '--dropin', CHECK_DROPINS]);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      problems: { kind: string; message: string; extensions: string[] }[];
    };
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.problems.map((problem) => problem.kind),
      ['collision']
    );
    assert.deepEqual(report.problems[0]!.extensions.sort(), ['colliding', 'extensions']);
    assert.match(report.problems[0]!.message, /both use the alias "extensions"/);
  });

  test('reports an invalid pipeline file naming it', async () => {
    const result = await runCli(['check', '--json', '--config', '/dev/null'], {
      env: { WHARF_WSGI__API_PASTE_CONFIG: '/nonexistent/api-paste.ini' }
    });
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as { problems: { kind: string; message: string }[] };
    assert.equal(report.problems[0]!.kind, 'pipeline');
    assert.match(report.problems[0]!.message, /\/nonexistent\/api-paste\.ini/);
  });
});

describe('wharf token issue', () => {
  test('prints a token the authtoken filter accepts', async () => {
    const result = await runCli(
      [
        'token',
        'issue',
        '--user',
        'u1',
        '--project',
        'p1',
        '--roles',
        'admin,member',
        '--ttl',
        '60'
      ],
      { env: { WHARF_AUTH__TOKEN_SECRET: SECRET } }
    );
    assert.equal(result.code, 0, result.stderr);
    const claims = verifyToken(result.stdout.trim(), SECRET);
    assert.equal(claims.user, 'u1');
    assert.equal(claims.project, 'p1');
    assert.deepEqual(claims.roles, ['admin', 'member']);
  });

  test('exits 2 without a secret', async () => {
    const result = await runCli(['token', 'issue', '--user', 'u', '--project', 'p'], {
      env: { WHARF_TOKEN_SECRET: '' }
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no token secret/);
  });
});

describe('wharf db migrate', () => {
  test('applies the migrations once, then reports nothing to apply', async () => {
    const database = `sqlite:${join(mkdtempSync(join(tmpdir(), 'wharf-db-')), 'wharf.sqlite')}`;
    const env = { WHARF_DATABASE__CONNECTION: database };
    const first = await runCli(['db', 'migrate'], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^applied: 0001/);
    const second = await runCli(['db', 'migrate'], { env });
    assert.equal(second.stdout, 'up to date: nothing to apply\n');
  });
});

describe('wharf --help', () => {
  test('lists every command', async () => {
    const result = await runCli(['--help']);
    for (const command of ['serve', 'extensions', 'routes', 'check', 'token', 'db'])
      assert.match(result.stdout, new RegExp(`\\n  ${command}`));
  });

  test('exits 2 on an unknown option', async () => {
    assert.equal((await runCli(['routes', '--bogus'])).code, 2);
  });
});
