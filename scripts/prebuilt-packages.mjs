// Bundles packages wharf loads at every start-up into one CommonJS file each, with esbuild,
// from the installed packages: Node's loader then resolves, reads and compiles one file
// instead of dozens (docs/performance.md, "The load plan's start, session 19"). The code is
// the packages' own, of the installed versions. Runs after tsc.
// - dist/core/api/ajv-prebuilt.cjs: ajv and ajv-formats (one copy of ajv's code generator,
//   which both use), for core/api/ajv-prebuilt.ts;
// - dist/core/winston-prebuilt.cjs: winston and the packages whose objects its loggers hand
//   out, for core/winston-prebuilt.ts, which registers each as that package's `require`.
import { build } from 'esbuild';

const BUNDLES = [
  {
    outfile: 'dist/core/api/ajv-prebuilt.cjs',
    contents:
      "module.exports = { Ajv: require('ajv').Ajv, addFormats: require('ajv-formats').default };"
  },
  {
    outfile: 'dist/core/winston-prebuilt.cjs',
    contents: `module.exports = {
  winston: require('winston'),
  logform: require('logform'),
  'winston-transport': require('winston-transport'),
  'triple-beam': require('triple-beam'),
  'readable-stream': require('readable-stream')
};`
  }
];

for (const { outfile, contents } of BUNDLES) {
  await build({
    stdin: { contents, resolveDir: '.', loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning'
  });
}
