/** What machine and which Node versions a run measured, for the results file. */
import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { nodeVersion } from './run-node.js';

/** The machine a run happened on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  /** The Node of the harness (autocannon runs here). */
  harnessNode: string;
  /** The Node of the servers and load runners (`--node`). */
  childNode: string;
  childNodePath: string;
  /** The commit measured, when the tree is a git checkout. */
  commit: string | null;
  date: string;
}

/** Reads the machine, the two Node versions and the commit. */
export async function machineInfo(childNodePath: string): Promise<MachineInfo> {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch} ${release()}`,
    harnessNode: process.version,
    childNode: await nodeVersion(childNodePath),
    childNodePath,
    commit: gitCommit(),
    date: new Date().toISOString()
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return null;
  }
}
