/**
 * wharf's host-wide option group (config-options-host.ts: `[DEFAULT]`, `[wsgi]`, `[api]`,
 * `[extensions]`). The filters of the default pipeline declare theirs beside their code
 * (core/middleware/<filter>-options.ts) and register them under `wharf.config.options` in
 * entry-points.json, as plugins do.
 */
import { HOST_OPTIONS } from './config-options-host.js';
import { defineOptions } from '../option-group.js';

/** The host-wide options, in the order of docs/configuration.md. */
export const CORE_OPTIONS = defineOptions('wharf', HOST_OPTIONS);
