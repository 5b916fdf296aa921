/**
 * `os-server-reboot`: the `reboot` server action (202, empty body). The body is
 * `{"reboot": {"type": "SOFT" | "HARD"}}` (any case nova accepts); anything else is 400. A
 * soft reboot needs an active server, a hard one also works on a stopped, paused,
 * suspended or errored server; otherwise nova's 409.
 */
import { injectable, wsgi, type ApiRequest } from 'wharf';
import { ServerActionsController, ServerActionsExtension } from '../compute/index.js';

/** nova's `schemas/servers.py` reboot schema. */
export const REBOOT_SCHEMA = {
  type: 'object',
  properties: {
    reboot: {
      type: 'object',
      properties: {
        type: { enum: ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft'] }
      },
      required: ['type'],
      additionalProperties: false
    }
  },
  required: ['reboot'],
  additionalProperties: false
} as const;

/** The reboot action. */
export class ServerRebootController extends ServerActionsController {
  @wsgi.policy('os_compute_api:servers:reboot')
  @wsgi.response(202)
  @wsgi.expectedErrors([404, 409])
  @wsgi.action('reboot')
  @wsgi.schema(REBOOT_SCHEMA)
  reboot(req: ApiRequest): Promise<void> {
    const hard = (req.body as { reboot: { type: string } }).reboot.type.toUpperCase() === 'HARD';
    return this.perform(req, hard ? 'reboot-hard' : 'reboot');
  }
}

/** The `os-server-reboot` API extension. */
@injectable()
export class ServerReboot extends ServerActionsExtension {
  readonly name = 'ServerReboot';
  readonly alias = 'os-server-reboot';
  override readonly version = 1;
  override readonly description = 'Soft and hard reboot of servers.';

  protected actions(): ServerActionsController {
    return new ServerRebootController(this.services);
  }
}
