/**
 * A benchmark load run for the harness's unit tests, made from its CPU cost alone.
 */
import type { MeasuredLoad } from '../../bench/harness/throughput.js';

/**
 * A load run of 100 answered requests whose CPU per request is `cpu` microseconds (its
 * requests/s follow from it); `null` gives a run whose server CPU time was unknown.
 */
export function givenLoad(cpu: number | null): MeasuredLoad {
  return {
    requestsPerSecond: cpu === null ? 1000 : 1_000_000 / cpu,
    requests: 100,
    succeeded: 100,
    seconds: 1,
    latencyP50Ms: 1,
    latencyP99Ms: 2,
    errors: 0,
    non2xx: 0,
    serverCpuMs: cpu === null ? null : cpu / 10,
    cpuUsPerRequest: cpu,
    helperCpuUsPerRequest: cpu === null ? null : cpu / 10,
    serverCores: cpu === null ? null : 0.5,
    loadGeneratorUsPerRequest: 10
  };
}
