/**
 * Every error wharf raises, one concept per file under core/errors/: the base class and its
 * brand (wharf-error.ts), the one table of codes (codes.ts, imported directly where a code is
 * compared), and the classes by area (plugin layer, API assembly, host start-up, CLI, HTTP,
 * refused requests, extension faults). Each class carries a stable `WHARF_*` code from
 * codes.ts, the HTTP status it maps to and the `cause` it wraps. This module gathers the
 * classes for core's own imports.
 */
export { WharfError, isWharfError, type WharfErrorOptions } from './errors/wharf-error.js';
export * from './errors/plugin-errors.js';
export * from './errors/assembly-errors.js';
export * from './errors/host-errors.js';
export * from './errors/cli-errors.js';
export * from './errors/http-errors.js';
export * from './errors/request-errors.js';
export * from './errors/extension-faults.js';
