/**
 * `OS-DCF`: a server's disk configuration (`AUTO` or `MANUAL`) in show, detail, update and
 * the create response, and `OS-DCF:diskConfig` accepted by server create (its create hook).
 */
import { injectable, wsgi, type ApiRequest, type ResponseObject } from 'wharf';
import type { DiskConfig as DiskConfigValue, Server } from '../compute/index.js';
import {
  addsServerFields,
  ServerAttributesController,
  ServerAttributesExtension,
  type ServerView
} from './server-attributes.js';

const KEY = 'OS-DCF:diskConfig';
const FIELDS = { [KEY]: { type: 'string', enum: ['AUTO', 'MANUAL'] } };
const RULE = 'os_compute_api:os-disk-config';

/** Adds `OS-DCF:diskConfig` to show, detail, create and update. */
@addsServerFields(RULE, FIELDS)
export class DiskConfigController extends ServerAttributesController {
  protected addAttributes(view: ServerView, server: Server): void {
    view[KEY] = server.diskConfig;
  }

  @wsgi.extends()
  @wsgi.policy(RULE)
  @wsgi.addsFields('server', FIELDS)
  create(req: ApiRequest, resp: ResponseObject): Promise<void> | undefined {
    return this.extendViews(req, resp);
  }

  @wsgi.extends()
  @wsgi.policy(RULE)
  @wsgi.addsFields('server', FIELDS)
  update(req: ApiRequest, resp: ResponseObject): Promise<void> | undefined {
    return this.extendViews(req, resp);
  }
}

/** The `OS-DCF` API extension. */
@injectable()
export class DiskConfig extends ServerAttributesExtension {
  readonly name = 'DiskConfig';
  readonly alias = 'OS-DCF';
  override readonly version = 1;
  override readonly description = 'Disk Management Extension.';

  protected createController(): ServerAttributesController {
    return new DiskConfigController(this.services);
  }
}

/** The create hook of `OS-DCF`: `OS-DCF:diskConfig` in the create request. */
export class DiskConfigCreateHook {
  /** Off when the `OS-DCF` extension is disabled. */
  readonly alias = 'OS-DCF';

  /** `AUTO` or `MANUAL`. */
  getServerCreateSchema(): Record<string, object> {
    return { [KEY]: { type: 'string', enum: ['AUTO', 'MANUAL'] } };
  }

  /** Boots with the requested disk configuration. */
  serverCreate(
    server: Readonly<Record<string, unknown>>,
    kwargs: { diskConfig?: DiskConfigValue }
  ): void {
    if (server[KEY] !== undefined) kwargs.diskConfig = server[KEY] as DiskConfigValue;
  }
}
