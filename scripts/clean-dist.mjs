// Removes the compiled output before a build, so a test or module deleted from the sources
// cannot linger in dist/ and still run.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
