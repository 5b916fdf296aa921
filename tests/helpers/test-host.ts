/** A whole wharf host (default pipeline, bundled extensions, fresh SQLite) on a loopback port. */
import {
  createTestHost,
  type TestHost as PublicTestHost,
  type TestRequestOptions,
  type TestResponse
} from 'wharf/testing';
import { givenCapturedLogger, type CapturedLogger } from './capture-logger.js';

/** A running test host, its log lines captured. */
export interface TestHost extends Omit<PublicTestHost, 'request'> {
  /** The captured log lines. */
  lines: CapturedLogger['lines'];
  /** Sends a request; `token` becomes X-Auth-Token (default `user1:project1`, null for none). */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
}

/** Options of one request. */
export type CallOptions = TestRequestOptions;

/** A response, its body parsed when it is JSON. */
export type Reply = TestResponse;

/** Starts a host on a fresh database; `overrides` are `section.option` settings. */
export async function givenTestHost(overrides: Record<string, string> = {}): Promise<TestHost> {
  const { logger, lines } = givenCapturedLogger();
  const testHost = await createTestHost({ config: overrides, logger });
  return {
    host: testHost.host,
    url: testHost.url,
    lines,
    call: testHost.request,
    close: testHost.close
  };
}
