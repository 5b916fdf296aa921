/**
 * CPU time of a benchmark server from `/proc` (Linux; null elsewhere): the whole process
 * with its live children, and the part of it its helper threads used. A process that sits
 * in a costlier state shows in the second whether the extra work is on its main thread
 * (JavaScript, the event loop) or on V8's background threads (the garbage collector's
 * marking and scavenging, concurrent compilation).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * utime + stime of a live process and of its live children (the workers of a server that
 * forks them), from `/proc/PID/stat` (fields 14 and 15, counted after the parenthesised
 * command name, which may hold spaces), in ms; null off Linux.
 */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const own = statFields(`/proc/${pid}/stat`);
  if (own === null) return null;
  let ticks = ownTicks(own);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(`/proc/${entry}/stat`);
    // fields[1] is field 4, the parent's pid.
    if (fields !== null && Number(fields[1]) === pid) ticks += ownTicks(fields);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * utime + stime of the threads of a live process other than its main thread (whose id is
 * the process's), from `/proc/PID/task/TID/stat`, in ms; null off Linux or once it is gone.
 * Its children are not counted.
 */
export function helperThreadsCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  let ticks = 0;
  for (const tid of tasks) {
    if (tid === String(pid)) continue;
    // A thread that ended since the listing is gone with its time, as from `/proc/PID/stat`.
    const fields = statFields(`/proc/${pid}/task/${tid}/stat`);
    if (fields !== null) ticks += ownTicks(fields);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The fields of a `stat` file from field 3 (state) on; null when unreadable. */
function statFields(path: string): string[] | null {
  try {
    const stat = readFileSync(path, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime (fields 14 and 15) in clock ticks. */
function ownTicks(fields: readonly string[]): number {
  return Number(fields[11]) + Number(fields[12]);
}
