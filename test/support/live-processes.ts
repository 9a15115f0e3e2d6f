/**
 * The processes running on this machine (Linux /proc), with their command lines and
 * environments: tests find what a run started by a variable only it set (everything it
 * starts inherits it), independently of how the product finds its processes.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface LiveProcess {
  readonly pid: number;
  readonly argv: readonly string[];
  readonly env: readonly string[];
}

/** Every running process but this one (zombies left out) that this user may read. */
export function liveProcesses(): LiveProcess[] {
  const found: LiveProcess[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!/^\d+$/.test(name) || pid === process.pid) continue;
    try {
      const state = /\) (\S) /.exec(readFileSync(`/proc/${name}/stat`, 'utf8'))?.[1];
      if (state === 'Z' || state === 'X') continue;
      const env = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      found.push({ pid, argv, env });
    } catch {
      // exited while we looked, or not ours to read
    }
  }
  return found;
}

/** The running processes whose environment holds `entry` ("NAME=value"). */
export function processesWithEnv(entry: string): LiveProcess[] {
  return liveProcesses().filter((p) => p.env.includes(entry));
}
