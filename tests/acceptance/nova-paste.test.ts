/**
 * nova's own api-paste.ini (the osapi_compute part, as nova shipped it before removing
 * noauth2: openstack/nova etc/nova/api-paste.ini at d238306aa6^) loads as written and
 * serves the compute API: `/v2.1` with microversions, `/v2` v2-compatible.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { container } from 'tsyringe';
import { TRACER_PROVIDER } from '../../core/middleware/tracer.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { CIRROS } from './compute-servers-given.js';
import { givenSpanRecorder, isChildOf } from '../helpers/span-recorder.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const NOVA_PASTE = fileURLToPath(
  new URL('../../../tests/fixtures/nova-paste/api-paste.ini', import.meta.url)
);
const V22 = { 'OpenStack-API-Version': 'compute 2.2' };
const ADMIN = 'admin:project1';

describe("nova's api-paste.ini", () => {
  let host: TestHost;
  const recorder = givenSpanRecorder();
  before(async () => {
    container.register(TRACER_PROVIDER, { useValue: recorder.provider });
    host = await givenTestHost({
      'wsgi.api_paste_config': NOVA_PASTE,
      'profiler.enabled': 'true'
    });
  });
  after(() => host.close());

  test('passes wharf check with --paste-config, for noauth2 and keystone', async () => {
    const noauth = await runCli(['check', '--paste-config', NOVA_PASTE]);
    assert.equal(noauth.code, 0, noauth.stdout + noauth.stderr);
    const keystone = await runCli(['check', '--paste-config', NOVA_PASTE], {
      env: {
        WHARF_API__AUTH_STRATEGY: 'keystone',
        WHARF_KEYSTONE_AUTHTOKEN__AUTH_URL: 'http://127.0.0.1:5000/v3',
        WHARF_KEYSTONE_AUTHTOKEN__USERNAME: 'nova',
        WHARF_KEYSTONE_AUTHTOKEN__PASSWORD: 'nova-service-password'
      }
    });
    assert.equal(keystone.code, 0, keystone.stdout + keystone.stderr);
  });

  test('rejects an auth strategy the composites have no line for', async () => {
    const result = await runCli(['check', '--paste-config', NOVA_PASTE], {
      env: { WHARF_API__AUTH_STRATEGY: 'token' }
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /has no pipeline for auth strategy "token" \(it defines: keystone, noauth2\)/
    );
  });

  test('serves the versions, the v2.1 document and the v2.0 document', async () => {
    const root = await host.call('GET', '/', { token: null });
    assert.equal(root.status, 200);
    assert.equal(root.body.versions[0].id, 'v2.1');
    const v21 = await host.call('GET', '/v2.1/', { token: null });
    assert.equal(v21.status, 200);
    assert.equal(v21.body.version.id, 'v2.1');
    const v20 = await host.call('GET', '/v2/', { token: null });
    assert.equal(v20.status, 200);
    assert.equal(v20.body.version.id, 'v2.0');
    assert.equal(v20.body.version.version, '');
    assert.equal((await host.call('GET', '/v2.1', { token: null })).status, 302);
  });

  test('serves the compute API at /v2.1 with microversions', async () => {
    const flavors = await host.call('GET', '/v2.1/flavors', { headers: V22 });
    assert.equal(flavors.status, 200);
    assert.ok(Array.isArray(flavors.body.flavors));
    assert.equal(flavors.headers.get('openstack-api-version'), 'compute 2.2');
    assert.ok(flavors.headers.get('x-openstack-request-id')?.startsWith('req-'));
    assert.equal((await host.call('GET', '/v2.1/flavors', { token: null })).status, 401);
  });

  test('serves /v2 without microversions, tolerating unknown body keys', async () => {
    const flavors = await host.call('GET', '/v2/flavors', { headers: V22 });
    assert.equal(flavors.status, 200);
    assert.equal(flavors.headers.get('openstack-api-version'), null);
    assert.equal(flavors.headers.get('x-openstack-nova-api-version'), null);
    assert.doesNotMatch(flavors.headers.get('vary') ?? '', /API-Version/i);
    const body = { keypair: { name: 'legacy-key', extra: 'ignored' } };
    assert.equal((await host.call('POST', '/v2.1/os-keypairs', { body })).status, 400);
    const created = await host.call('POST', '/v2/os-keypairs', { body });
    assert.equal(created.status, 200);
    assert.equal(created.body.keypair.name, 'legacy-key');
  });

  test('creates a server through /v2 with a key v2.1 rejects', async () => {
    const server = { name: 'legacy-vm', imageRef: CIRROS, flavorRef: '1', legacy_key: true };
    assert.equal((await host.call('POST', '/v2.1/servers', { body: { server } })).status, 400);
    const created = await host.call('POST', '/v2/servers', { body: { server } });
    assert.equal(created.status, 202);
    assert.match(created.headers.get('location') ?? '', /\/v2\/project1\/servers\//);
  });

  test('traces one span per request through the osprofiler filter, naming the extension', async () => {
    recorder.reset();
    const reply = await host.call('GET', '/v2.1/flavors');
    assert.equal(reply.status, 200);
    const spans = recorder
      .spans()
      .filter((span) => span.attributes['url.path'] === '/v2.1/flavors');
    assert.equal(spans.length, 1, JSON.stringify(recorder.spans().map(({ name }) => name)));
    const [span] = spans as [ReadableSpan];
    assert.equal(span.name, 'GET');
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(span.attributes['http.response.status_code'], 200);
    assert.equal(span.attributes['wharf.extension'], 'flavors');
    assert.equal(span.attributes['wharf.request_id'], reply.headers.get('x-openstack-request-id'));
    assert.equal(span.status.code, SpanStatusCode.UNSET);
  });

  test('traces each extension step as a child span attributed to its extension', async () => {
    const server = { name: 'traced-vm', imageRef: CIRROS, flavorRef: '1' };
    const created = await host.call('POST', '/v2.1/servers', { body: { server } });
    assert.equal(created.status, 202);
    recorder.reset();
    const path = `/v2.1/servers/${created.body.server.id}`;
    assert.equal((await host.call('GET', path, { token: ADMIN })).status, 200);
    const request = recorder.spans().find((span) => span.attributes['url.path'] === path);
    assert.ok(request);
    const steps = recorder.spans().filter((span) => isChildOf(span, request));
    const byName = new Map(steps.map((span) => [span.name, span.attributes['wharf.extension']]));
    assert.equal(byName.get('ServersController.show'), 'servers');
    assert.ok(steps.length > 1, 'the OS-EXT-* post-processors are steps too');
    assert.ok(
      steps.every(
        (span) =>
          span.kind === SpanKind.INTERNAL && typeof span.attributes['wharf.extension'] === 'string'
      )
    );
    assert.ok(new Set(byName.values()).size > 1, JSON.stringify([...byName]));
  });

  test('serves it from wharf serve --paste-config', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wharf-nova-paste-'));
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--paste-config', NOVA_PASTE, '--host', '127.0.0.1', '--port', '0'],
      {
        cwd,
        env: { ...process.env, XDG_CACHE_HOME: join(cwd, 'cache') },
        stdio: ['ignore', 'ignore', 'pipe']
      }
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code))
    );
    try {
      let log = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no listening line in 30 s:\n${log}`)),
          30_000
        );
        child.stderr.on('data', (chunk: Buffer) => {
          log += chunk.toString();
          const match = /osapi_compute listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      assert.equal((await fetch(`${url}/`)).status, 200);
      const version = await fetch(`${url}/v2.1/`);
      assert.equal(((await version.json()) as { version: { id: string } }).version.id, 'v2.1');
      const flavors = await fetch(`${url}/v2.1/flavors`, {
        headers: { 'x-auth-token': 'user1:project1' }
      });
      assert.equal(flavors.status, 200);
      assert.ok(Array.isArray(((await flavors.json()) as { flavors: unknown[] }).flavors));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
