/**
 * One fresh process of a throughput server: started, checked once (status and body), warmed
 * up with unrecorded load (for a time and a count of requests: see `warmUp`), then driven
 * by recorded load runs that also read the CPU time the process used (from `/proc`).
 */
import { requestOf, type ServerSpec } from '../scenarios.js';
import { assertAnswer, type BenchRequest } from './bench-request.js';
import { runLoad, type LoadShape } from './load-run.js';
import type { Profile } from './options.js';
import { requestOnce } from './request-once.js';
import { startServer, type RunningServer } from './server-process.js';
import type { MeasuredLoad } from './throughput.js';
import type { WarmServer } from './throughput-rounds.js';

/** Starts `spec` with `node`, checks its answer and warms it up with `shape`'s load. */
export async function startWarmServer(
  spec: ServerSpec,
  node: string,
  shape: LoadShape,
  profile: Profile
): Promise<WarmServer> {
  const server = await startServer(spec, node);
  try {
    const request = requestOf(spec);
    assertAnswer(spec.name, request, await requestOnce(server.port, request));
    const warmup = await warmUp(server.port, request, shape, profile);
    return {
      process: {
        pid: server.pid,
        startupMs: server.startupMs,
        warmupRequests: warmup.requests,
        warmupSeconds: warmup.seconds
      },
      measure: () => measuredLoad(server, shape),
      stop: () => server.stop()
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * The unrecorded load before the rounds: `warmupSeconds`, then on until the server answered
 * `warmupRequests` in all or `warmupMaxSeconds` passed. Returns what it sent and how long.
 */
async function warmUp(
  port: number,
  request: BenchRequest,
  shape: LoadShape,
  profile: Profile
): Promise<{ requests: number; seconds: number }> {
  const first = await runLoad(port, request, { ...shape, durationSeconds: profile.warmupSeconds });
  const missing = profile.warmupRequests - first.requests;
  const secondsLeft = profile.warmupMaxSeconds - first.seconds;
  if (missing <= 0 || secondsLeft < 1) return { requests: first.requests, seconds: first.seconds };
  const second = await runLoad(port, request, {
    ...shape,
    durationSeconds: Math.floor(secondsLeft),
    maxRequests: Math.min(shape.maxRequests, missing)
  });
  return { requests: first.requests + second.requests, seconds: first.seconds + second.seconds };
}

async function measuredLoad(server: RunningServer, shape: LoadShape): Promise<MeasuredLoad> {
  const before = server.cpuMs();
  const helperBefore = server.helperCpuMs();
  const harnessBefore = process.cpuUsage();
  const sample = await runLoad(server.port, requestOf(server.spec), shape);
  const harness = process.cpuUsage(harnessBefore);
  const after = server.cpuMs();
  const helperAfter = server.helperCpuMs();
  const serverCpuMs = elapsedMs(before, after);
  return {
    ...sample,
    serverCpuMs,
    serverCores: serverCpuMs === null ? null : serverCpuMs / (sample.seconds * 1000),
    loadGeneratorUsPerRequest: (harness.user + harness.system) / Math.max(sample.requests, 1),
    // The CPU of one successful answer, refusals' share included.
    cpuUsPerRequest: usPerAnswer(serverCpuMs, sample.succeeded),
    helperCpuUsPerRequest: usPerAnswer(elapsedMs(helperBefore, helperAfter), sample.succeeded)
  };
}

/** CPU ms between two readings; null when either could not be read. */
function elapsedMs(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : after - before;
}

/** `cpuMs` in us per successful answer; null without a reading or an answer. */
function usPerAnswer(cpuMs: number | null, succeeded: number): number | null {
  return cpuMs === null || succeeded === 0 ? null : (cpuMs * 1000) / succeeded;
}
