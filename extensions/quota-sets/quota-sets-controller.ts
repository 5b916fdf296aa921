/**
 * The quota sets controller (nova's `QuotaSetsController`) at `/os-quota-sets/{project_id}`:
 * show (a member of the project or an administrator), detail (with what is in use),
 * defaults (anyone), update and delete (administrators). Update refuses, unless `force`, a
 * limit below what the project already uses (400), as nova does.
 */
import { Controller, wsgi, type ApiRequest } from 'wharf';
import {
  isQuotaResource,
  type ComputeServices,
  type QuotaLimits,
  type QuotaResource
} from '../compute/index.js';
import {
  TRUE_VALUES,
  UPDATE_QUOTA_SET,
  UPDATE_QUOTA_SET_V236,
  UPDATE_QUOTA_SET_V257
} from './quota-set-schemas.js';
import { quotaSet, quotaSetDetail } from './quota-set-view.js';

/** The body `PUT` validates to. */
interface UpdateBody {
  quota_set: Record<string, number | string | boolean>;
}

/** Serves `/os-quota-sets`. */
export class QuotaSetsController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.policy('os_compute_api:os-quota-sets:show')
  @wsgi.expectedErrors(400)
  async show(req: ApiRequest): Promise<unknown> {
    const projectId = this.authorize(req);
    const { quotas } = await this.services.backend();
    return quotaSet(await quotas.limits(projectId), req.context.apiVersion!, projectId);
  }

  @wsgi.policy('os_compute_api:os-quota-sets:detail')
  @wsgi.expectedErrors(400)
  async detail(req: ApiRequest): Promise<unknown> {
    const projectId = this.authorize(req);
    const { quotas } = await this.services.backend();
    const [limits, usage] = await Promise.all([
      quotas.limits(projectId),
      quotas.usage(projectId, req.context.userId ?? '')
    ]);
    return quotaSetDetail(limits, usage, req.context.apiVersion!, projectId);
  }

  @wsgi.policy('os_compute_api:os-quota-sets:defaults')
  @wsgi.expectedErrors(400)
  async defaults(req: ApiRequest): Promise<unknown> {
    const projectId = this.authorize(req);
    const { quotas } = await this.services.backend();
    return quotaSet(quotas.defaults, req.context.apiVersion!, projectId);
  }

  @wsgi.policy('os_compute_api:os-quota-sets:update')
  @wsgi.expectedErrors(400)
  @wsgi.schema(UPDATE_QUOTA_SET, '2.1', '2.35')
  @wsgi.schema(UPDATE_QUOTA_SET_V236, '2.36', '2.56')
  @wsgi.schema(UPDATE_QUOTA_SET_V257, '2.57')
  async update(req: ApiRequest): Promise<unknown> {
    const projectId = this.authorize(req);
    const { force = false, ...requested } = (req.body as UpdateBody).quota_set;
    const values: Partial<Record<QuotaResource, number>> = {};
    for (const [resource, value] of Object.entries(requested)) {
      if (isQuotaResource(resource)) values[resource] = Number(value);
    }
    const { quotas } = await this.services.backend();
    const limits: QuotaLimits = await quotas.update(projectId, values, TRUE_VALUES.includes(force));
    // nova's update answer has no `id`.
    return quotaSet(limits, req.context.apiVersion!);
  }

  /** Drops the project's own limits; the defaults apply again. */
  @wsgi.policy('os_compute_api:os-quota-sets:delete')
  @wsgi.response(202)
  @wsgi.expectedErrors([])
  async delete(req: ApiRequest): Promise<void> {
    const projectId = this.authorize(req);
    const { quotas } = await this.services.backend();
    await quotas.reset(projectId);
  }

  /** Checks the rule the method declares against the project of the URL; returns its id. */
  private authorize(req: ApiRequest): string {
    const projectId = req.params.id!;
    this.services.policy.authorize(req, { project_id: projectId });
    return projectId;
  }
}
