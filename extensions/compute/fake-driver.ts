/**
 * The fake driver, like nova's `virt.fake.FakeDriver`: every operation succeeds at once and
 * reports the power state it leads to. It keeps no state of its own, so any worker process
 * can act on a server another one spawned; the database is the only record.
 */
import type { ComputeDriver, DriverResult, SpawnResult } from './driver.js';
import type { Server } from './models.js';
import { PowerState } from './server-states.js';

/** Options of the fake driver. */
export interface FakeDriverOptions {
  /** The compute host and hypervisor node servers land on; nova's fake uses `fake-mini`. */
  host?: string;
}

/** A driver that changes state at once and never fails. */
export class FakeDriver implements ComputeDriver {
  /** Registered as `wharf.compute.drivers: fake`. */
  readonly name = 'fake';
  /** The host every server is placed on. */
  readonly host: string;

  constructor(options: FakeDriverOptions = {}) {
    this.host = options.host ?? 'fake-mini';
  }

  /** Boots the server on the fake host. */
  async spawn(_server: Server): Promise<SpawnResult> {
    return { powerState: PowerState.RUNNING, host: this.host, hypervisorHostname: this.host };
  }

  /** Shuts the server down. */
  async powerOff(_server: Server): Promise<DriverResult> {
    return { powerState: PowerState.SHUTDOWN };
  }

  /** Boots the server. */
  async powerOn(_server: Server): Promise<DriverResult> {
    return { powerState: PowerState.RUNNING };
  }

  /** Either kind of reboot leaves the server running. */
  async reboot(_server: Server, _type: 'SOFT' | 'HARD'): Promise<DriverResult> {
    return { powerState: PowerState.RUNNING };
  }

  /** Pauses the server. */
  async pause(_server: Server): Promise<DriverResult> {
    return { powerState: PowerState.PAUSED };
  }

  /** Unpauses the server. */
  async unpause(_server: Server): Promise<DriverResult> {
    return { powerState: PowerState.RUNNING };
  }

  /** Suspends the server. */
  async suspend(_server: Server): Promise<DriverResult> {
    return { powerState: PowerState.SUSPENDED };
  }

  /** Resumes the server. */
  async resume(_server: Server): Promise<DriverResult> {
    return { powerState: PowerState.RUNNING };
  }

  /** Nothing to tear down. */
  async destroy(_server: Server): Promise<void> {}

  /** nova's `sanitize_hostname`: `My_Server.1` becomes `my-server-1`; empty falls back. */
  getHostname(server: Server): string {
    const hostname = server.name
      .replace(/[ _.]/g, '-')
      .replace(/[^\w-]+/g, '')
      .toLowerCase()
      .slice(0, 63)
      .replace(/^-+|-+$/g, '');
    return hostname === '' ? `server-${server.id}` : hostname;
  }
}
