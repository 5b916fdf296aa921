/**
 * The Reflect metadata polyfill (reflect-metadata), which tsyringe and the `wsgi`
 * decorators need. It is loaded with `require`, not `import`: importing a CommonJS package
 * from ESM makes Node scan its source for named exports first, which for this one file
 * costs more than running it (see "The command line" in docs/performance.md). Every module
 * of core that needs the polyfill imports this one; eslint forbids importing
 * `reflect-metadata` directly.
 */
import { createRequire } from 'node:module';

createRequire(import.meta.url)('reflect-metadata');
