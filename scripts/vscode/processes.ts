// Finds processes by an environment tag, to prove a run left nothing behind.
import { readdirSync, readFileSync } from 'node:fs';

/** Every process a run starts inherits this variable, set to the run's id. */
export const runTagVariable = 'GO_PROFILER_HARNESS_RUN';

export interface TaggedProcess {
  pid: number;
  command: string;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return undefined; // the process exited meanwhile, or is not ours to read
  }
}

export function processesTaggedWith(runId: string): TaggedProcess[] {
  const needle = `${runTagVariable}=${runId}`;
  const found: TaggedProcess[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const environ = read(`/proc/${pid}/environ`);
    if (!environ || !environ.split('\0').includes(needle)) continue;
    // A zombie has exited already; only its parent can reap it.
    const stat = read(`/proc/${pid}/stat`) ?? '';
    if (/\) Z /.test(stat)) continue;
    const command = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim().slice(0, 160);
    found.push({ pid, command });
  }
  return found;
}

export function killProcesses(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
