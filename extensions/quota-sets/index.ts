/** The `os-quota-sets` API extension (per-project quotas at /os-quota-sets/{project_id}). */
export { QuotaSets } from './quota-sets-extension.js';
export { QuotaSetsController } from './quota-sets-controller.js';
export { quotaResourcesAt, quotaSet, quotaSetDetail } from './quota-set-view.js';
export {
  UPDATE_QUOTA_SET,
  UPDATE_QUOTA_SET_V236,
  UPDATE_QUOTA_SET_V257
} from './quota-set-schemas.js';
