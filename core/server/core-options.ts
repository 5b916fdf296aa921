/**
 * wharf's own option group: the host (config-options-host.ts) and the filters and services
 * of its default pipeline (config-options-services.ts). Plugins declare theirs beside their
 * code and register them under `wharf.config.options`.
 */
import { HOST_OPTIONS } from './config-options-host.js';
import { SERVICE_OPTIONS } from './config-options-services.js';
import { defineOptions } from './option-group.js';

/** The options wharf itself declares, in the order of docs/configuration.md. */
export const CORE_OPTIONS = defineOptions('wharf', [...HOST_OPTIONS, ...SERVICE_OPTIONS]);
