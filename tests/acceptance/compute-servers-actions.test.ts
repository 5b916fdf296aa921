import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import {
  OTHER_ADMIN,
  OTHER_USER,
  givenServer,
  serverAction,
  statusOf
} from './compute-servers-given.js';

let host: TestHost;
before(async () => {
  host = await givenTestHost();
});
after(() => host.close());

/** Runs an action, asserting nova's 202 with an empty body. */
async function accepted(id: string, body: unknown, token?: string): Promise<void> {
  const reply = await serverAction(host, id, body, token);
  assert.equal(reply.status, 202, `${JSON.stringify(body)}: ${reply.text}`);
  assert.equal(reply.text, '');
}

describe('power actions', () => {
  test("stops and starts a server, and answers a second os-stop with nova's 409", async () => {
    const id = await givenServer(host);
    await accepted(id, { 'os-stop': null });
    assert.equal(await statusOf(host, id), 'SHUTOFF');
    const again = await serverAction(host, id, { 'os-stop': null });
    assert.equal(again.status, 409);
    assert.deepEqual(again.body, {
      conflictingRequest: {
        code: 409,
        message: `Cannot 'stop' instance ${id} while it is in vm_state stopped`
      }
    });
    await accepted(id, { 'os-start': null });
    assert.equal(await statusOf(host, id), 'ACTIVE');
  });

  test('pauses, unpauses, suspends and resumes a server', async () => {
    const id = await givenServer(host);
    await accepted(id, { pause: null });
    assert.equal(await statusOf(host, id), 'PAUSED');
    assert.equal((await serverAction(host, id, { suspend: null })).status, 409);
    await accepted(id, { unpause: null });
    await accepted(id, { suspend: null });
    assert.equal(await statusOf(host, id), 'SUSPENDED');
    await accepted(id, { resume: null });
    assert.equal(await statusOf(host, id), 'ACTIVE');
  });

  test('lets exactly one of two concurrent os-stop requests win', async () => {
    const id = await givenServer(host);
    const replies = await Promise.all([
      serverAction(host, id, { 'os-stop': null }),
      serverAction(host, id, { 'os-stop': null })
    ]);
    assert.deepEqual(replies.map((reply) => reply.status).sort(), [202, 409]);
    assert.equal(await statusOf(host, id), 'SHUTOFF');
  });

  test("answers 404 for an unknown server and another project's", async () => {
    assert.equal((await serverAction(host, 'nosuch', { 'os-stop': null })).status, 404);
    const id = await givenServer(host);
    assert.equal((await serverAction(host, id, { pause: null }, OTHER_USER)).status, 404);
  });
});

describe('reboot', () => {
  test('reboots soft and hard, a stopped server only hard', async () => {
    const id = await givenServer(host);
    await accepted(id, { reboot: { type: 'SOFT' } });
    await accepted(id, { reboot: { type: 'hard' } });
    await accepted(id, { 'os-stop': null });
    assert.equal((await serverAction(host, id, { reboot: { type: 'SOFT' } })).status, 409);
    await accepted(id, { reboot: { type: 'HARD' } });
    assert.equal(await statusOf(host, id), 'ACTIVE');
  });

  test('answers 400 to a reboot body outside the schema', async () => {
    const id = await givenServer(host);
    const warm = await serverAction(host, id, { reboot: { type: 'WARM' } });
    assert.equal(warm.status, 400);
    assert.ok(
      warm.body.badRequest.message.endsWith(
        "type. Value: WARM. 'WARM' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']"
      ),
      warm.body.badRequest.message
    );
    for (const body of [{ reboot: {} }, { reboot: null }, { reboot: { type: 'HARD', now: 1 } }]) {
      assert.equal((await serverAction(host, id, body)).status, 400, JSON.stringify(body));
    }
  });
});

describe('lock and unlock', () => {
  test("refuses a locked server's owner its actions until the owner unlocks it", async () => {
    const id = await givenServer(host);
    await accepted(id, { lock: null });
    const stop = await serverAction(host, id, { 'os-stop': null });
    assert.equal(stop.status, 409);
    assert.equal(stop.body.conflictingRequest.message, `Instance ${id} is locked`);
    await accepted(id, { unlock: null });
    await accepted(id, { 'os-stop': null });
  });

  test("needs the override rule to lift an administrator's lock", async () => {
    const id = await givenServer(host);
    await accepted(id, { lock: null }, OTHER_ADMIN);
    const unlock = await serverAction(host, id, { unlock: null });
    assert.equal(unlock.status, 403);
    assert.equal(
      unlock.body.forbidden.message,
      "Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed."
    );
    await accepted(id, { unlock: null }, OTHER_ADMIN);
    await accepted(id, { 'os-stop': null });
  });
});

describe('unlock, with a policy file granting unlock_override to members', () => {
  let granting: TestHost;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-unlock-override-'));
    const policyFile = join(dir, 'policy.json');
    writeFileSync(
      policyFile,
      JSON.stringify({ 'os_compute_api:os-lock-server:unlock:unlock_override': 'role:member' })
    );
    granting = await givenTestHost({ 'policy.policy_file': policyFile });
  });
  after(async () => {
    await granting.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("lets a member lift an administrator's lock: the policy is the only check", async () => {
    const id = await givenServer(granting);
    const lock = await serverAction(granting, id, { lock: null }, OTHER_ADMIN);
    assert.equal(lock.status, 202, lock.text);
    const unlock = await serverAction(granting, id, { unlock: null });
    assert.equal(unlock.status, 202, unlock.text);
    assert.equal((await serverAction(granting, id, { 'os-stop': null })).status, 202);
  });
});
