import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PowerState, TaskState, VmState, type Scope } from '../../../extensions/compute/index.js';
import { ServerRepository } from '../../../extensions/compute/storage.js';
import { BACKENDS, givenAdmin, givenScope, type GivenDatabase } from './given-database.js';
import { givenCreatedAt, givenServerInput } from './given-server.js';

for (const backend of BACKENDS) {
  describe(`ServerRepository on ${backend.name}`, { skip: backend.skip }, () => {
    let given: GivenDatabase;
    let servers: ServerRepository;
    before(async () => {
      given = await backend.givenDatabase();
      servers = new ServerRepository(given.database);
    });
    after(() => given?.cleanup());

    async function givenServers(scope: Scope, names: string[]) {
      const created = [];
      for (const [index, name] of names.entries()) {
        const server = await servers.create(givenServerInput(scope, { name }));
        await givenCreatedAt(given.database, server.id, `2024-01-01T00:00:0${index}.000Z`);
        created.push(server);
      }
      return created;
    }

    test('creates a server in BUILD with its metadata and nova instance name', async () => {
      const scope = givenScope();
      const server = await servers.create(
        givenServerInput(scope, { name: 'web', metadata: { role: 'web' }, configDrive: true })
      );
      assert.match(server.id, /^[0-9a-f-]{36}$/);
      assert.equal(server.status, 'BUILD');
      assert.equal(server.vmState, VmState.BUILDING);
      assert.equal(server.taskState, TaskState.SCHEDULING);
      assert.equal(server.powerState, PowerState.NOSTATE);
      assert.equal(
        server.instanceName,
        `instance-${server.internalId.toString(16).padStart(8, '0')}`
      );
      assert.deepEqual({ ...server.metadata }, { role: 'web' });
      assert.equal(server.configDrive, 'True');
      assert.equal(server.diskConfig, 'MANUAL');
      assert.equal(server.locked, false);
      assert.ok(server.createdAt instanceof Date);
      assert.deepEqual(await servers.get(server.id, scope), server);
    });

    test("hides another project's server, unless an admin asks for all tenants", async () => {
      const owner = givenScope();
      const server = await servers.create(givenServerInput(owner));
      await assert.rejects(servers.get(server.id, givenScope()), {
        code: 'COMPUTE_SERVER_NOT_FOUND'
      });
      await assert.rejects(servers.get(server.id, givenScope({ isAdmin: true })), {
        code: 'COMPUTE_SERVER_NOT_FOUND'
      });
      assert.equal((await servers.get(server.id, givenAdmin())).id, server.id);
    });

    test('lists newest first and pages with limit and marker', async () => {
      const scope = givenScope();
      const [a, b, c] = await givenServers(scope, ['a', 'b', 'c']);
      assert.deepEqual(
        (await servers.list(scope)).map((server) => server.name),
        ['c', 'b', 'a']
      );
      const first = await servers.list(scope, { limit: 2 });
      assert.deepEqual(
        first.map((server) => server.id),
        [c!.id, b!.id]
      );
      const second = await servers.list(scope, { limit: 2, marker: b!.id });
      assert.deepEqual(
        second.map((server) => server.id),
        [a!.id]
      );
    });

    test('breaks created_at ties by id, so paging never skips or repeats', async () => {
      const scope = givenScope();
      const created = await Promise.all(
        [1, 2, 3, 4].map(() => servers.create(givenServerInput(scope)))
      );
      for (const server of created) {
        await givenCreatedAt(given.database, server.id, '2024-02-02T00:00:00.000Z');
      }
      const seen: string[] = [];
      let marker: string | undefined;
      for (;;) {
        const page = await servers.list(scope, { limit: 3, marker });
        if (page.length === 0) break;
        seen.push(...page.map((server) => server.id));
        marker = page.at(-1)!.id;
      }
      assert.deepEqual(
        seen,
        created
          .map((server) => server.id)
          .sort()
          .reverse()
      );
    });

    test('rejects a marker the caller cannot see with COMPUTE_INVALID_MARKER', async () => {
      const [hidden] = await givenServers(givenScope(), ['hidden']);
      for (const marker of [hidden!.id, 'no-such-server']) {
        await assert.rejects(servers.list(givenScope(), { marker }), {
          code: 'COMPUTE_INVALID_MARKER',
          statusCode: 400
        });
      }
    });

    test('filters by a name pattern the way nova does', async () => {
      const scope = givenScope();
      await givenServers(scope, ['web-1', 'web-2', 'db-1', 'a(b']);
      const names = async (name: string) =>
        (await servers.list(scope, { name })).map((server) => server.name).sort();
      assert.deepEqual(await names('web'), ['web-1', 'web-2']);
      assert.deepEqual(await names('^db'), ['db-1']);
      assert.deepEqual(await names('-1$'), ['db-1', 'web-1']);
      assert.deepEqual(await names('a\\('), ['a(b']);
    });

    test('refuses an invalid name pattern with COMPUTE_INVALID_NAME_FILTER', async () => {
      await assert.rejects(servers.list(givenScope(), { name: 'a(' }), {
        code: 'COMPUTE_INVALID_NAME_FILTER',
        statusCode: 400
      });
    });

    test('filters by status, and an unknown status matches nothing', async () => {
      const scope = givenScope();
      const [running, stopped] = await givenServers(scope, ['running', 'stopped']);
      await servers.transition(
        running!.id,
        { vmStates: null },
        { vmState: VmState.ACTIVE, taskState: null }
      );
      await servers.transition(
        stopped!.id,
        { vmStates: null },
        { vmState: VmState.STOPPED, taskState: null }
      );
      const names = async (status: string) =>
        (await servers.list(scope, { status })).map((server) => server.name);
      assert.deepEqual(await names('ACTIVE'), ['running']);
      assert.deepEqual(await names('shutoff'), ['stopped']);
      assert.deepEqual(await names('REBOOT'), []);
      assert.deepEqual(await names('NO_SUCH_STATUS'), []);
    });

    test('lists every project only for an admin asking for all tenants', async () => {
      const first = givenScope();
      const second = givenScope();
      const [mine] = await givenServers(first, ['mine']);
      const [theirs] = await givenServers(second, ['theirs']);
      const ids = async (scope: Scope) => (await servers.list(scope)).map((server) => server.id);
      assert.deepEqual(await ids(first), [mine!.id]);
      assert.deepEqual(await ids({ ...first, allTenants: true }), [mine!.id]);
      const everyone = await ids(givenAdmin());
      assert.ok(everyone.includes(mine!.id) && everyone.includes(theirs!.id));
    });

    test('updates the name and access addresses of a visible server only', async () => {
      const scope = givenScope();
      const server = await servers.create(givenServerInput(scope));
      const updated = await servers.update(server.id, scope, {
        name: 'renamed',
        accessIPv4: '192.0.2.10',
        accessIPv6: '2001:db8::10'
      });
      assert.equal(updated.name, 'renamed');
      assert.equal(updated.accessIPv4, '192.0.2.10');
      assert.equal(updated.accessIPv6, '2001:db8::10');
      assert.ok(updated.updatedAt instanceof Date);
      await assert.rejects(servers.update(server.id, givenScope(), { name: 'x' }), {
        code: 'COMPUTE_SERVER_NOT_FOUND'
      });
    });

    test('soft-deletes a server once, after which it is gone from reads', async () => {
      const scope = givenScope();
      const server = await servers.create(givenServerInput(scope));
      assert.equal(await servers.softDelete(server.id), true);
      assert.equal(await servers.softDelete(server.id), false);
      await assert.rejects(servers.get(server.id, scope), { code: 'COMPUTE_SERVER_NOT_FOUND' });
      assert.deepEqual(await servers.list(scope), []);
    });

    test('applies a transition only from the expected states', async () => {
      const scope = givenScope();
      const server = await servers.create(givenServerInput(scope));
      const fromActive = { vmStates: [VmState.ACTIVE], taskStates: [null] };
      assert.equal(
        await servers.transition(server.id, fromActive, { vmState: VmState.STOPPED }),
        false
      );
      assert.equal(
        await servers.transition(
          server.id,
          { vmStates: [VmState.BUILDING], taskStates: [TaskState.SCHEDULING] },
          { vmState: VmState.ACTIVE, taskState: null, powerState: PowerState.RUNNING, host: 'h1' }
        ),
        true
      );
      const active = await servers.get(server.id, scope);
      assert.equal(active.status, 'ACTIVE');
      assert.equal(active.host, 'h1');
      assert.equal(active.powerState, PowerState.RUNNING);
    });

    test('lets exactly one of two concurrent stops over two connections apply', async () => {
      const scope = givenScope();
      const server = await servers.create(givenServerInput(scope));
      await servers.transition(
        server.id,
        { vmStates: null },
        { vmState: VmState.ACTIVE, taskState: null }
      );
      const other = new ServerRepository(await given.openAnother());
      const stop = (repository: ServerRepository) =>
        repository.transition(
          server.id,
          { vmStates: [VmState.ACTIVE], taskStates: [null] },
          { vmState: VmState.STOPPED, powerState: PowerState.SHUTDOWN }
        );
      const results = await Promise.all([stop(servers), stop(other)]);
      assert.deepEqual(results.sort(), [false, true]);
      assert.equal((await servers.get(server.id, scope)).status, 'SHUTOFF');
    });
  });
}
