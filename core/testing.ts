/**
 * `wharf/testing`: what an extension author's tests use: `createTestHost` (an in-process
 * host with the author's drop-in and a request client).
 */
import 'reflect-metadata';

export { createTestHost } from './testing/test-host.js';
export type {
  TestHost,
  TestHostOptions,
  TestRequestOptions,
  TestResponse
} from './testing/test-host.js';
export type { Host } from './server/host.js';
export type { Logger } from './logger.js';
