/**
 * The server state machine, as nova's compute API enforces it: the vm_state, task_state and
 * power_state values, which states allow which action (nova's `check_instance_state`), the
 * API status a pair of states shows as, and the 409 nova answers with otherwise.
 */
import { InstanceInvalidState } from './errors.js';

/** nova's vm_states: the stable state of a server. */
export const VmState = {
  ACTIVE: 'active',
  BUILDING: 'building',
  PAUSED: 'paused',
  SUSPENDED: 'suspended',
  STOPPED: 'stopped',
  DELETED: 'deleted',
  ERROR: 'error'
} as const;
/** One vm_state value. */
export type VmState = (typeof VmState)[keyof typeof VmState];

/** nova's task_states: the transition in progress, null when none. */
export const TaskState = {
  SCHEDULING: 'scheduling',
  SPAWNING: 'spawning',
  POWERING_OFF: 'powering-off',
  POWERING_ON: 'powering-on',
  REBOOTING: 'rebooting',
  REBOOTING_HARD: 'rebooting_hard',
  PAUSING: 'pausing',
  UNPAUSING: 'unpausing',
  SUSPENDING: 'suspending',
  RESUMING: 'resuming',
  DELETING: 'deleting'
} as const;
/** One task_state value. */
export type TaskState = (typeof TaskState)[keyof typeof TaskState];

/** nova's power_state numbers, as the hypervisor reports them. */
export const PowerState = {
  NOSTATE: 0,
  RUNNING: 1,
  PAUSED: 3,
  SHUTDOWN: 4,
  CRASHED: 6,
  SUSPENDED: 7
} as const;
/** One power_state number. */
export type PowerState = (typeof PowerState)[keyof typeof PowerState];

/** The server actions the state machine governs; the names are the ones nova's 409s use. */
export type ServerAction =
  | 'stop'
  | 'start'
  | 'pause'
  | 'unpause'
  | 'suspend'
  | 'resume'
  | 'reboot'
  | 'reboot-hard'
  | 'delete';

/** What an action needs and does: allowed states, the task it claims, where it ends. */
export interface ActionRule {
  /** The name nova's conflict message uses. */
  readonly apiName: string;
  /** vm_states the action is allowed from; null means any. */
  readonly vmStates: readonly VmState[] | null;
  /** task_states the action is allowed from (null = no task); null means any. */
  readonly taskStates: readonly (TaskState | null)[] | null;
  /** The task_state set while the action runs. */
  readonly claim: TaskState;
  /** The vm_state the server ends in. */
  readonly target: VmState;
}

const HARD_REBOOT_TASKS = [null, TaskState.REBOOTING, TaskState.REBOOTING_HARD] as const;

/** nova's rules per action (`compute/api.py`, `vm_states.ALLOW_*_REBOOT`). */
export const ACTION_RULES: Readonly<Record<ServerAction, ActionRule>> = {
  stop: rule('stop', [VmState.ACTIVE, VmState.ERROR], TaskState.POWERING_OFF, VmState.STOPPED),
  start: rule('start', [VmState.STOPPED], TaskState.POWERING_ON, VmState.ACTIVE),
  pause: rule('pause', [VmState.ACTIVE], TaskState.PAUSING, VmState.PAUSED),
  unpause: rule('unpause', [VmState.PAUSED], TaskState.UNPAUSING, VmState.ACTIVE),
  suspend: rule('suspend', [VmState.ACTIVE], TaskState.SUSPENDING, VmState.SUSPENDED),
  resume: rule('resume', [VmState.SUSPENDED], TaskState.RESUMING, VmState.ACTIVE),
  reboot: rule('reboot', [VmState.ACTIVE], TaskState.REBOOTING, VmState.ACTIVE),
  'reboot-hard': {
    ...rule(
      'reboot',
      [VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED, VmState.SUSPENDED, VmState.ERROR],
      TaskState.REBOOTING_HARD,
      VmState.ACTIVE
    ),
    taskStates: HARD_REBOOT_TASKS
  },
  delete: {
    apiName: 'delete',
    vmStates: null,
    taskStates: null,
    claim: TaskState.DELETING,
    target: VmState.DELETED
  }
};

function rule(apiName: string, vmStates: VmState[], claim: TaskState, target: VmState): ActionRule {
  return { apiName, vmStates, taskStates: [null], claim, target };
}

/** The states of a server the state machine looks at. */
export interface ServerStates {
  readonly id: string;
  readonly vmState: string;
  readonly taskState: string | null;
}

/**
 * Throws nova's conflict when the server's states forbid the action:
 * "Cannot 'stop' instance UUID while it is in vm_state stopped".
 */
export function assertActionAllowed(action: ServerAction, server: ServerStates): void {
  const { apiName, vmStates, taskStates } = ACTION_RULES[action];
  if (vmStates && !(vmStates as readonly string[]).includes(server.vmState)) {
    throw new InstanceInvalidState(apiName, server.id, 'vm_state', server.vmState);
  }
  if (taskStates && !(taskStates as readonly (string | null)[]).includes(server.taskState)) {
    throw new InstanceInvalidState(apiName, server.id, 'task_state', String(server.taskState));
  }
}

/** nova's `_STATE_MAP`: per vm_state, the status by task_state with a default. */
const STATUS_MAP: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [VmState.ACTIVE]: {
    default: 'ACTIVE',
    [TaskState.REBOOTING]: 'REBOOT',
    [TaskState.REBOOTING_HARD]: 'HARD_REBOOT'
  },
  [VmState.BUILDING]: { default: 'BUILD' },
  [VmState.STOPPED]: { default: 'SHUTOFF' },
  [VmState.PAUSED]: { default: 'PAUSED' },
  [VmState.SUSPENDED]: { default: 'SUSPENDED' },
  [VmState.DELETED]: { default: 'DELETED' },
  [VmState.ERROR]: { default: 'ERROR' }
};

/** The API status of a server: ACTIVE, SHUTOFF, BUILD, REBOOT, ... or UNKNOWN. */
export function statusFromState(vmState: string, taskState: string | null): string {
  const byTask = STATUS_MAP[vmState];
  if (!byTask) return 'UNKNOWN';
  return (taskState !== null ? byTask[taskState] : undefined) ?? byTask.default ?? 'UNKNOWN';
}

/** The states a `?status=` filter selects; empty `vmStates` selects nothing. */
export interface StatusFilter {
  vmStates: string[];
  /** Restricts task_state too (REBOOT, HARD_REBOOT); null leaves it free. */
  taskStates: string[] | null;
}

/** nova's `task_and_vm_state_from_status`, for one status (case-insensitive). */
export function statusFilter(status: string): StatusFilter {
  const wanted = status.toUpperCase();
  const vmStates: string[] = [];
  const taskStates: string[] = [];
  let byDefault = false;
  for (const [vmState, byTask] of Object.entries(STATUS_MAP)) {
    for (const [task, shown] of Object.entries(byTask)) {
      if (shown !== wanted) continue;
      if (!vmStates.includes(vmState)) vmStates.push(vmState);
      if (task === 'default') byDefault = true;
      else taskStates.push(task);
    }
  }
  return { vmStates, taskStates: byDefault ? null : taskStates };
}
