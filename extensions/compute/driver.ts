/**
 * The compute driver contract (nova's `virt.driver.ComputeDriver`, cut to the operations the
 * bundled API performs). A driver talks to a hypervisor; the compute API calls it between
 * claiming a task_state and recording the result, so a driver never touches the database.
 * Drivers are found through the `wharf.compute.drivers` entry-point namespace.
 */
import type { Server } from './models.js';
import type { PowerState } from './server-states.js';

/** The entry-point namespace drivers are registered under. */
export const DRIVER_NAMESPACE = 'wharf.compute.drivers';

/** What the hypervisor reports after an operation. */
export interface DriverResult {
  /** The server's power state now. */
  readonly powerState: PowerState;
}

/** What the hypervisor reports after spawning a server: where it runs. */
export interface SpawnResult extends DriverResult {
  readonly host: string;
  readonly hypervisorHostname: string;
}

/** A hypervisor. Every operation resolves once the server reached its new state. */
export interface ComputeDriver {
  /** The driver's name, as registered (e.g. `fake`). */
  readonly name: string;
  /** Creates and boots the server. */
  spawn(server: Server): Promise<SpawnResult>;
  /** Shuts the server down. */
  powerOff(server: Server): Promise<DriverResult>;
  /** Boots a shut-down server. */
  powerOn(server: Server): Promise<DriverResult>;
  /** Reboots: SOFT asks the guest, HARD resets the virtual machine. */
  reboot(server: Server, type: 'SOFT' | 'HARD'): Promise<DriverResult>;
  /** Freezes the server in memory. */
  pause(server: Server): Promise<DriverResult>;
  /** Thaws a paused server. */
  unpause(server: Server): Promise<DriverResult>;
  /** Saves the server's memory to disk and stops it. */
  suspend(server: Server): Promise<DriverResult>;
  /** Restores a suspended server. */
  resume(server: Server): Promise<DriverResult>;
  /** Destroys the server and its disks. */
  destroy(server: Server): Promise<void>;
  /** The hostname the guest is given; defaults to a sanitised server name. */
  getHostname?(server: Server): string;
}
