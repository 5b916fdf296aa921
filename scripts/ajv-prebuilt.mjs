// Bundles ajv and ajv-formats (one copy of ajv's code generator, which both use) into
// dist/core/api/ajv-prebuilt.cjs with esbuild, for core/api/ajv-prebuilt.ts: wharf's request
// validation then loads one file instead of ajv's 72 (31 ms of CPU less per start-up on Node
// 20, docs/performance.md "The load plan's start, session 19"). The code is ajv's own, of
// the installed version, so every check and message is the same. Runs after tsc.
import { build } from 'esbuild';

await build({
  stdin: {
    contents:
      "module.exports = { Ajv: require('ajv').Ajv, addFormats: require('ajv-formats').default };",
    resolveDir: '.',
    loader: 'js'
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/core/api/ajv-prebuilt.cjs',
  logLevel: 'warning'
});
