/**
 * ajv and ajv-formats as wharf's request validation uses them (core/api/validation.ts), from
 * one file the build writes (scripts/prebuilt-packages.mjs bundles the installed packages into
 * `dist/core/api/ajv-prebuilt.cjs`). Node's loader resolved, read and compiled ajv's 72 files
 * one by one on every start-up; the bundle is the same code in one. wharf's ajv instances are
 * its own and never handed to extensions, so an extension that requires `ajv` itself loses
 * nothing by getting the package's copy.
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvClass } from 'ajv';
import type addFormatsModule from 'ajv-formats';

const prebuilt = createRequire(import.meta.url)('./ajv-prebuilt.cjs') as {
  Ajv: typeof AjvClass;
  addFormats: typeof addFormatsModule.default;
};

/** ajv's class, from the prebuilt bundle. */
export const Ajv = prebuilt.Ajv;
/** An ajv instance. */
export type Ajv = AjvClass;

/** ajv-formats' plugin (`addFormats(ajv)`), from the same bundle, on the same code generator. */
export const addFormats = prebuilt.addFormats;
