/** A whole host with the faulty drop-in extensions (tests/fixtures/api/faulty-dropins). */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { flushLogs, type CapturedLogger } from '../helpers/capture-logger.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

/** The compiled drop-in folder holding the faulty package. */
export const FAULTY_DROPINS = fileURLToPath(
  new URL('../fixtures/api/faulty-dropins/', import.meta.url)
);

/** An administrator of the default project (noauth2). */
export const ADMIN = 'admin:project1';

/** Starts a test host with the faulty extensions; `overrides` are `section.option` settings. */
export function givenFaultyHost(overrides: Record<string, string> = {}): Promise<TestHost> {
  return givenTestHost({ 'extensions.dropin_dirs': FAULTY_DROPINS, ...overrides });
}

/** The request log line of the request with that id (the one with a status). */
export async function requestLogLine(
  lines: CapturedLogger['lines'],
  requestId: string | null
): Promise<CapturedLogger['lines'][number]> {
  await flushLogs();
  const line = lines.find((entry) => entry.requestId === requestId && 'status' in entry);
  assert.ok(line, `no request log line for ${requestId}`);
  return line;
}

/** Waits (up to `ms`) for a log line matching `predicate`. */
export async function loggedLine(
  lines: CapturedLogger['lines'],
  predicate: (line: CapturedLogger['lines'][number]) => boolean,
  ms = 5000
): Promise<CapturedLogger['lines'][number]> {
  const until = Date.now() + ms;
  for (;;) {
    await flushLogs();
    const line = lines.find(predicate);
    if (line) return line;
    if (Date.now() > until) assert.fail('the expected log line was not written');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
