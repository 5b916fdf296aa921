/** The `limits` API extension (GET /limits). */
export { Limits } from './limits-extension.js';
export { LimitsController } from './limits-controller.js';
export { limitsDocument } from './limits-view.js';
