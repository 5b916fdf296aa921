/**
 * The limits controller (nova's `LimitsController`): `GET /limits`, the caller's project's
 * absolute limits and usage; `?tenant_id=` another project's, for administrators.
 */
import { Controller, wsgi, type ApiRequest } from 'wharf';
import type { ComputeServices } from '../compute/index.js';
import { limitsDocument } from './limits-view.js';

/** Serves `/limits`. */
export class LimitsController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.policy('os_compute_api:limits', 'other_project')
  @wsgi.expectedErrors([])
  async index(req: ApiRequest): Promise<unknown> {
    const { context } = req;
    this.services.policy.authorize(req, {});
    let projectId = context.projectId ?? '';
    const tenantId = req.query.tenant_id;
    if (tenantId !== undefined) {
      this.services.policy.authorize(req, {}, 'other_project');
      projectId = Array.isArray(tenantId) ? tenantId.at(-1)! : tenantId;
    }
    const { quotas } = await this.services.backend();
    const [limits, usage] = await Promise.all([
      quotas.limits(projectId),
      quotas.usage(projectId, context.userId ?? '')
    ]);
    return limitsDocument(limits, usage, context.apiVersion!);
  }
}
