/**
 * Running a Node script to completion in a fresh process, with a time bound, and reading
 * the JSON object it prints last. Used for measurements that must start cold.
 */
import { execFile } from 'node:child_process';

/** How to run one script. */
export interface NodeRun {
  /** The Node binary. */
  node: string;
  /** The script and its arguments. */
  script: string;
  args?: readonly string[];
  /** Flags for Node itself, before the script (e.g. `--cpu-prof`). */
  nodeFlags?: readonly string[];
  /** Kill the child after this many milliseconds. Default 120 000. */
  timeoutMs?: number;
  /** The working directory. */
  cwd?: string;
}

/** Runs the script and returns the last line of its standard output parsed as JSON. */
export function runNodeForJson<T>(run: NodeRun): Promise<T> {
  const argv = [...(run.nodeFlags ?? []), run.script, ...(run.args ?? [])];
  return new Promise((resolve, reject) => {
    execFile(
      run.node,
      argv,
      { timeout: run.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024, cwd: run.cwd },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${run.script} failed: ${error.message}\n${stderr}`, { cause: error }));
          return;
        }
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch (parseError) {
          reject(new Error(`${run.script} printed no JSON: ${last}`, { cause: parseError }));
        }
      }
    );
  });
}

/** The version a Node binary reports (`process.version`). */
export function nodeVersion(node: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(node, ['-p', 'process.version'], { timeout: 30_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.trim())
    );
  });
}
