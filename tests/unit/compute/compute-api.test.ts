import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../../core/logger.js';
import {
  ComputeAPI,
  FakeDriver,
  PowerState,
  type PowerAction,
  type Scope,
  type Server
} from '../../../extensions/compute/index.js';
import { ServerRepository } from '../../../extensions/compute/storage.js';
import { BACKENDS, givenAdmin, givenScope, type GivenDatabase } from './given-database.js';
import { givenServerInput } from './given-server.js';

/** A fake driver whose hypervisor refuses to spawn or power off. */
class BrokenDriver extends FakeDriver {
  override async spawn(): Promise<never> {
    throw new Error('no valid host');
  }
  override async powerOff(): Promise<never> {
    throw new Error('hypervisor gone');
  }
}

const SILENT = createLogger({ silent: true });

for (const backend of BACKENDS) {
  describe(`ComputeAPI with the fake driver on ${backend.name}`, { skip: backend.skip }, () => {
    let given: GivenDatabase;
    let servers: ServerRepository;
    let compute: ComputeAPI;
    before(async () => {
      given = await backend.givenDatabase();
      servers = new ServerRepository(given.database);
      compute = new ComputeAPI(servers, new FakeDriver(), SILENT);
    });
    after(() => given?.cleanup());

    async function givenActiveServer(scope: Scope = givenScope()): Promise<Server> {
      return compute.boot(givenServerInput(scope, { name: 'web' }), scope);
    }

    test('boots a server to ACTIVE on the fake host', async () => {
      const server = await givenActiveServer();
      assert.equal(server.status, 'ACTIVE');
      assert.equal(server.taskState, null);
      assert.equal(server.powerState, PowerState.RUNNING);
      assert.equal(server.host, 'fake-mini');
      assert.equal(server.hypervisorHostname, 'fake-mini');
      assert.ok(server.launchedAt instanceof Date);
    });

    test('walks a server through every power action', async () => {
      const scope = givenScope();
      const { id } = await givenActiveServer(scope);
      const steps: [PowerAction, string, number][] = [
        ['stop', 'SHUTOFF', PowerState.SHUTDOWN],
        ['start', 'ACTIVE', PowerState.RUNNING],
        ['pause', 'PAUSED', PowerState.PAUSED],
        ['unpause', 'ACTIVE', PowerState.RUNNING],
        ['suspend', 'SUSPENDED', PowerState.SUSPENDED],
        ['resume', 'ACTIVE', PowerState.RUNNING],
        ['reboot', 'ACTIVE', PowerState.RUNNING],
        ['stop', 'SHUTOFF', PowerState.SHUTDOWN],
        ['reboot-hard', 'ACTIVE', PowerState.RUNNING]
      ];
      for (const [action, status, powerState] of steps) {
        const server = await compute.perform(action, id, scope);
        assert.deepEqual(
          [action, server.status, server.powerState, server.taskState],
          [action, status, powerState, null]
        );
      }
    });

    test("answers a second stop with nova's 409", async () => {
      const scope = givenScope();
      const { id } = await givenActiveServer(scope);
      await compute.perform('stop', id, scope);
      await assert.rejects(compute.perform('stop', id, scope), {
        code: 'COMPUTE_INSTANCE_INVALID_STATE',
        statusCode: 409,
        message: `Cannot 'stop' instance ${id} while it is in vm_state stopped`
      });
      await assert.rejects(compute.perform('reboot', id, scope), {
        code: 'COMPUTE_INSTANCE_INVALID_STATE'
      });
    });

    test('lets exactly one of two concurrent stops over two connections succeed', async () => {
      const scope = givenScope();
      const { id } = await givenActiveServer(scope);
      const other = new ComputeAPI(
        new ServerRepository(await given.openAnother()),
        new FakeDriver(),
        SILENT
      );
      const results = await Promise.allSettled([
        compute.perform('stop', id, scope),
        other.perform('stop', id, scope)
      ]);
      assert.deepEqual(results.map((result) => result.status).sort(), ['fulfilled', 'rejected']);
      const rejected = results.find((result) => result.status === 'rejected');
      assert.equal((rejected?.reason as { code?: string }).code, 'COMPUTE_INSTANCE_INVALID_STATE');
      assert.equal((await servers.get(id, scope)).status, 'SHUTOFF');
    });

    test("refuses the owner's actions on a locked server but not an admin's", async () => {
      const scope = givenScope();
      const { id } = await givenActiveServer(scope);
      assert.deepEqual(
        [(await compute.lock(id, scope)).locked, (await servers.get(id, scope)).lockedBy],
        [true, 'owner']
      );
      await assert.rejects(compute.perform('stop', id, scope), {
        code: 'COMPUTE_INSTANCE_LOCKED',
        statusCode: 409
      });
      await assert.rejects(compute.delete(id, scope), { code: 'COMPUTE_INSTANCE_LOCKED' });
      assert.equal((await compute.perform('stop', id, givenAdmin())).status, 'SHUTOFF');
      assert.equal((await compute.unlock(id, scope)).locked, false);
      assert.equal((await compute.perform('start', id, scope)).status, 'ACTIVE');
    });

    test("leaves who may lift an admin's lock to policy: the service lifts it for the owner", async () => {
      const scope = givenScope();
      const { id } = await givenActiveServer(scope);
      assert.equal((await compute.lock(id, givenAdmin())).lockedBy, 'admin');
      const unlocked = await compute.unlock(id, scope);
      assert.deepEqual([unlocked.locked, unlocked.lockedBy], [false, null]);
    });

    test('deletes a server in any state, after which it is not found', async () => {
      const scope = givenScope();
      const { id } = await givenActiveServer(scope);
      await compute.perform('pause', id, scope);
      await compute.delete(id, scope);
      await assert.rejects(servers.get(id, scope), { code: 'COMPUTE_SERVER_NOT_FOUND' });
      await assert.rejects(compute.delete(id, scope), { code: 'COMPUTE_SERVER_NOT_FOUND' });
    });

    test('leaves a server the driver cannot spawn in ERROR', async () => {
      const scope = givenScope();
      const broken = new ComputeAPI(servers, new BrokenDriver(), SILENT);
      const server = await broken.boot(givenServerInput(scope), scope);
      assert.equal(server.status, 'ERROR');
      assert.equal(server.taskState, null);
    });

    test('clears the task_state when the driver fails an action, and rethrows', async () => {
      const scope = givenScope();
      const { id } = await givenActiveServer(scope);
      const broken = new ComputeAPI(servers, new BrokenDriver(), SILENT);
      await assert.rejects(broken.perform('stop', id, scope), { message: 'hypervisor gone' });
      const server = await servers.get(id, scope);
      assert.deepEqual([server.status, server.taskState], ['ACTIVE', null]);
    });
  });
}

describe('FakeDriver', () => {
  test("sanitises hostnames as nova's sanitize_hostname does", () => {
    const driver = new FakeDriver({ host: 'compute-1' });
    const named = (name: string) => driver.getHostname({ id: 'abc', name } as Server);
    assert.equal(driver.host, 'compute-1');
    assert.equal(named('My_Server.1'), 'my-server-1');
    assert.equal(named('--web**01--'), 'web01');
    assert.equal(named('***'), 'server-abc');
  });
});
