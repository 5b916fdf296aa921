/**
 * The benchmark's hand-written floors answer the same bytes as wharf for the real compute
 * paths they are compared with (no timing here): `GET /v2.1/flavors/1`, and
 * `GET /v2.1/servers/{id}` and `/servers/detail` of one seeded server, pinned to the same
 * id, name and times in both databases (bench/servers/shown-server.ts). The servers are the
 * bench's own scripts, each in a fresh process over its own SQLite file.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { requestOnce } from '../../bench/harness/request-once.js';
import { startServer, type RunningServer } from '../../bench/harness/server-process.js';
import { benchServer, type ServerSpec } from '../../bench/scenarios.js';
import { FIXTURES_ENV } from '../../bench/wharf/fixtures.js';
import {
  FLAVOR_SHOW_REQUEST,
  SERVER_SHOW_REQUEST,
  serversDetailRequest
} from '../../bench/wharf/wharf-requests.js';
import type { BenchRequest } from '../../bench/harness/bench-request.js';

/** One of the bench's servers over a fresh database with one seeded server. */
function spec(name: string, script: string, root: string): ServerSpec {
  return {
    name,
    script: benchServer(script),
    args: ['1'],
    env: { [FIXTURES_ENV]: root },
    request: FLAVOR_SHOW_REQUEST
  };
}

/** The answer's body with the server's own address written as HOST. */
async function bodyOf(server: RunningServer, request: BenchRequest): Promise<string> {
  const answer = await requestOnce(server.port, request);
  assert.equal(request.check(answer), null, `${server.spec.name}: ${answer.body.slice(0, 300)}`);
  return answer.body.replaceAll(`127.0.0.1:${server.port}`, 'HOST');
}

describe('the bench floors answer the same bytes as wharf', () => {
  let root: string;
  const servers: RunningServer[] = [];
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'wharf-floor-bytes-'));
    servers.push(
      ...(await Promise.all([
        startServer(spec('wharf', 'wharf-compute.js', root), process.execPath),
        startServer(spec('floor-servers', 'express-sqlite-servers.js', root), process.execPath),
        startServer(spec('floor-flavors', 'express-sqlite-flavors.js', root), process.execPath)
      ]))
    );
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(root, { recursive: true, force: true });
  });

  test('GET /v2.1/servers/{id}', async () => {
    const [wharf, floor] = servers;
    assert.equal(
      await bodyOf(floor!, SERVER_SHOW_REQUEST),
      await bodyOf(wharf!, SERVER_SHOW_REQUEST)
    );
  });

  test('GET /v2.1/servers/detail', async () => {
    const [wharf, floor] = servers;
    const request = serversDetailRequest(1);
    assert.equal(await bodyOf(floor!, request), await bodyOf(wharf!, request));
  });

  test('GET /v2.1/flavors/1', async () => {
    const [wharf, , floor] = servers;
    assert.equal(
      await bodyOf(floor!, FLAVOR_SHOW_REQUEST),
      await bodyOf(wharf!, FLAVOR_SHOW_REQUEST)
    );
  });
});
