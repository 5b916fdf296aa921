/**
 * The compute API (nova's `compute.api.API`): what the HTTP controllers call to boot, act
 * on, lock and delete servers. Each action checks the lock and the state machine, claims a
 * task_state with an optimistic UPDATE (so of two racing requests one gets the 409), calls
 * the driver, then records the state it reports.
 */
import { defaultLogger, type Logger } from 'wharf';
import type { WorkGuard } from './db/transaction-work.js';
import type { ComputeDriver, DriverResult } from './driver.js';
import { TimeSlice } from './event-loop-turns.js';
import { InstanceInvalidState, InstanceLocked } from './errors.js';
import type { Scope, Server } from './models.js';
import type { CreateServerInput, ServerRepository } from './repositories/server-repository.js';
import {
  ACTION_RULES,
  assertActionAllowed,
  TaskState,
  VmState,
  type ServerAction
} from './server-states.js';

/** The actions `perform` runs: every state-machine action but delete. */
export type PowerAction = Exclude<ServerAction, 'delete'>;

const DRIVER_CALLS: Readonly<
  Record<PowerAction, (driver: ComputeDriver, server: Server) => Promise<DriverResult>>
> = {
  stop: (driver, server) => driver.powerOff(server),
  start: (driver, server) => driver.powerOn(server),
  pause: (driver, server) => driver.pause(server),
  unpause: (driver, server) => driver.unpause(server),
  suspend: (driver, server) => driver.suspend(server),
  resume: (driver, server) => driver.resume(server),
  reboot: (driver, server) => driver.reboot(server, 'SOFT'),
  'reboot-hard': (driver, server) => driver.reboot(server, 'HARD')
};

/** Server lifecycle over a repository and a driver. */
export class ComputeAPI {
  constructor(
    private readonly servers: ServerRepository,
    private readonly driver: ComputeDriver,
    private readonly logger: Logger = defaultLogger()
  ) {}

  /**
   * Creates the server and spawns it: BUILD, then ACTIVE on the driver's host. A driver
   * failure leaves it in ERROR, as nova does; the request that created it still succeeds.
   */
  async boot(input: CreateServerInput, scope: Scope): Promise<Server> {
    return this.bootMany([input], scope);
  }

  /**
   * Creates the servers in one transaction, after `guard` (the quota) passed in it, then
   * spawns them one by one, giving the event loop a turn every few milliseconds, so a batch
   * of any allowed size never holds it. Returns the first server as it is after spawning: what a
   * create request answers with. wharf has no scheduler: a server is created already
   * claimed for spawning (BUILD/spawning), and its spawn is recorded by one UPDATE that
   * also answers its new row.
   */
  async bootMany(
    inputs: readonly CreateServerInput[],
    scope: Scope,
    guard?: WorkGuard
  ): Promise<Server> {
    const created = await this.servers.createMany(inputs, guard, TaskState.SPAWNING);
    const slice = new TimeSlice();
    const spawned: (Server | null)[] = [];
    for (const server of created) {
      if (slice.usedUp) await slice.turn();
      spawned.push(await this.spawn(server));
    }
    // Null when the first server was deleted while it spawned: answer what is left of it.
    return spawned[0] ?? this.servers.get(created[0]!.id, scope);
  }

  /** Spawns a created server; returns it as recorded after, or null if it is gone. */
  private async spawn(created: Server): Promise<Server | null> {
    const spawning = { vmStates: [VmState.BUILDING], taskStates: [TaskState.SPAWNING] };
    try {
      const spawned = await this.driver.spawn(created);
      return await this.servers.transitionServer(created, spawning, {
        vmState: VmState.ACTIVE,
        taskState: null,
        powerState: spawned.powerState,
        host: spawned.host,
        hypervisorHostname: spawned.hypervisorHostname,
        launchedAt: new Date()
      });
    } catch (error) {
      this.logger.error(`driver ${this.driver.name} failed to spawn server ${created.id}`, {
        error: error instanceof Error ? error.message : String(error)
      });
      return this.servers.transitionServer(created, spawning, {
        vmState: VmState.ERROR,
        taskState: null
      });
    }
  }

  /**
   * Runs a power action (stop, start, pause, ..., reboot-hard) and returns the server after
   * it. `InstanceLocked` or `InstanceInvalidState` (409) when the server does not allow it.
   */
  async perform(action: PowerAction, serverId: string, scope: Scope): Promise<Server> {
    const rule = ACTION_RULES[action];
    const server = await this.claim(action, serverId, scope);
    let result: DriverResult;
    try {
      result = await DRIVER_CALLS[action](this.driver, server);
    } catch (error) {
      // nova's reverts_task_state: a failed operation leaves the server as it found it.
      await this.servers.transition(
        serverId,
        { vmStates: [server.vmState], taskStates: [rule.claim] },
        { taskState: null }
      );
      throw error;
    }
    await this.servers.transition(
      serverId,
      { vmStates: [server.vmState], taskStates: [rule.claim] },
      { vmState: rule.target, taskState: null, powerState: result.powerState }
    );
    return this.servers.get(serverId, scope);
  }

  /** Destroys the server on its host and soft-deletes it; allowed in any state unless locked. */
  async delete(serverId: string, scope: Scope): Promise<void> {
    const server = await this.claim('delete', serverId, scope);
    await this.driver.destroy(server);
    await this.servers.softDelete(serverId);
  }

  /** Locks the server: its owner's actions get 409 until unlocked. */
  async lock(serverId: string, scope: Scope): Promise<Server> {
    const server = await this.servers.get(serverId, scope);
    const lockedBy = server.projectId === scope.projectId ? 'owner' : 'admin';
    await this.servers.transition(serverId, { vmStates: null }, { locked: true, lockedBy });
    return this.servers.get(serverId, scope);
  }

  /**
   * Unlocks the server. Who may lift whose lock is policy's alone (the `unlock_override`
   * sub-rule the os-lock-server controller checks), as in nova.
   */
  async unlock(serverId: string, scope: Scope): Promise<Server> {
    await this.servers.get(serverId, scope);
    await this.servers.transition(serverId, { vmStates: null }, { locked: false, lockedBy: null });
    return this.servers.get(serverId, scope);
  }

  /**
   * Checks the lock and the state machine, then sets the action's task_state only if the
   * server is still in the states just read. Returns the server as read.
   */
  private async claim(action: ServerAction, serverId: string, scope: Scope): Promise<Server> {
    const rule = ACTION_RULES[action];
    const server = await this.servers.get(serverId, scope);
    if (server.locked && !scope.isAdmin) throw new InstanceLocked(serverId);
    assertActionAllowed(action, server);
    const claimed = await this.servers.transition(
      serverId,
      { vmStates: [server.vmState], taskStates: [server.taskState] },
      { taskState: rule.claim }
    );
    if (claimed) return server;
    // Someone else changed the server between our read and our update: report its new state.
    const now = await this.servers.get(serverId, scope);
    assertActionAllowed(action, now);
    throw new InstanceInvalidState(rule.apiName, serverId, 'task_state', String(now.taskState));
  }
}
