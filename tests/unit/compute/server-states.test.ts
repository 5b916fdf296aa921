import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ACTION_RULES,
  assertActionAllowed,
  PowerState,
  statusFilter,
  statusFromState,
  TaskState,
  VmState,
  type ServerAction
} from '../../../extensions/compute/index.js';

const ID = '0c6e3b1e-7b8a-4c1d-9e2f-3a4b5c6d7e8f';

function givenServer(vmState: string, taskState: string | null = null) {
  return { id: ID, vmState, taskState };
}

describe('statusFromState', () => {
  test("maps each vm_state to nova's API status", () => {
    const expected: Record<string, string> = {
      [VmState.ACTIVE]: 'ACTIVE',
      [VmState.STOPPED]: 'SHUTOFF',
      [VmState.PAUSED]: 'PAUSED',
      [VmState.SUSPENDED]: 'SUSPENDED',
      [VmState.BUILDING]: 'BUILD',
      [VmState.DELETED]: 'DELETED',
      [VmState.ERROR]: 'ERROR'
    };
    for (const [vmState, status] of Object.entries(expected)) {
      assert.equal(statusFromState(vmState, null), status);
    }
    assert.equal(statusFromState('shelved', null), 'UNKNOWN');
  });

  test('shows a rebooting active server as REBOOT or HARD_REBOOT', () => {
    assert.equal(statusFromState(VmState.ACTIVE, TaskState.REBOOTING), 'REBOOT');
    assert.equal(statusFromState(VmState.ACTIVE, TaskState.REBOOTING_HARD), 'HARD_REBOOT');
    assert.equal(statusFromState(VmState.ACTIVE, TaskState.POWERING_OFF), 'ACTIVE');
  });
});

describe('statusFilter', () => {
  test('selects vm_states by status, task_states only for task statuses', () => {
    assert.deepEqual(statusFilter('shutoff'), { vmStates: [VmState.STOPPED], taskStates: null });
    assert.deepEqual(statusFilter('REBOOT'), {
      vmStates: [VmState.ACTIVE],
      taskStates: [TaskState.REBOOTING]
    });
    assert.deepEqual(statusFilter('BOGUS'), { vmStates: [], taskStates: [] });
  });
});

describe('assertActionAllowed', () => {
  const allowedFrom: Record<ServerAction, string[]> = {
    stop: [VmState.ACTIVE, VmState.ERROR],
    start: [VmState.STOPPED],
    pause: [VmState.ACTIVE],
    unpause: [VmState.PAUSED],
    suspend: [VmState.ACTIVE],
    resume: [VmState.SUSPENDED],
    reboot: [VmState.ACTIVE],
    'reboot-hard': [
      VmState.ACTIVE,
      VmState.STOPPED,
      VmState.PAUSED,
      VmState.SUSPENDED,
      VmState.ERROR
    ],
    delete: Object.values(VmState)
  };
  for (const [action, states] of Object.entries(allowedFrom) as [ServerAction, string[]][]) {
    test(`allows ${action} from exactly ${states.join(', ')}`, () => {
      for (const vmState of Object.values(VmState)) {
        const check = () => assertActionAllowed(action, givenServer(vmState));
        if (states.includes(vmState)) assert.doesNotThrow(check);
        else assert.throws(check, { code: 'COMPUTE_INSTANCE_INVALID_STATE', statusCode: 409 });
      }
    });
  }

  test("gives nova's conflict message for a second stop", () => {
    assert.throws(() => assertActionAllowed('stop', givenServer(VmState.STOPPED)), {
      message: `Cannot 'stop' instance ${ID} while it is in vm_state stopped`
    });
  });

  test('refuses an action while another task runs, naming the task_state', () => {
    assert.throws(
      () => assertActionAllowed('pause', givenServer(VmState.ACTIVE, TaskState.POWERING_OFF)),
      {
        message: `Cannot 'pause' instance ${ID} while it is in task_state powering-off`
      }
    );
  });

  test('lets a hard reboot take over a soft one, and reports both as reboot', () => {
    assert.doesNotThrow(() =>
      assertActionAllowed('reboot-hard', givenServer(VmState.ACTIVE, TaskState.REBOOTING))
    );
    assert.throws(
      () => assertActionAllowed('reboot', givenServer(VmState.ACTIVE, TaskState.REBOOTING)),
      {
        message: /^Cannot 'reboot' instance/
      }
    );
    assert.equal(ACTION_RULES['reboot-hard'].apiName, 'reboot');
  });
});

describe('PowerState', () => {
  test("uses nova's numbers", () => {
    assert.deepEqual(
      [
        PowerState.NOSTATE,
        PowerState.RUNNING,
        PowerState.PAUSED,
        PowerState.SHUTDOWN,
        PowerState.SUSPENDED
      ],
      [0, 1, 3, 4, 7]
    );
  });
});
