/**
 * Wall time, CPU time and peak resident memory of a child process.
 *
 * Peak RSS and CPU time come from GNU time (`/usr/bin/time`, the kernel's rusage) when it is
 * installed; otherwise from polling the child's VmHWM and utime/stime in /proc, which needs
 * nothing but can miss the last few milliseconds before exit. CPU time is the steadier
 * figure on a shared, busy machine, where wall time mostly measures the neighbours.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessMeasurement {
  readonly wallMs: number;
  /** User + system CPU time. */
  readonly cpuMs: number;
  readonly peakRssBytes: number;
}

const gnuTime = '/usr/bin/time';

export const peakRssMethod = existsSync(gnuTime) ? 'GNU time (rusage)' : 'polling /proc (VmHWM, utime+stime)';

function readVmHwmBytes(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** utime + stime from /proc/<pid>/stat, assuming the usual 100 clock ticks per second. */
function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Runs file with args (stdout discarded); rejects with its stderr if it fails. */
export async function measureProcess(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessMeasurement> {
  const { code, stderr, ...measurement } = await measureProcessExit(file, args, env);
  if (code !== 0) {
    throw new Error(`\`${[file, ...args].join(' ')}\` exited with status ${String(code)}: ${stderr.trim().slice(0, 500)}`);
  }
  return measurement;
}

export interface ProcessExit extends ProcessMeasurement {
  /** Exit status; null when a signal ended the process. */
  readonly code: number | null;
  /** The first 10,000 characters written to stderr. */
  readonly stderr: string;
}

/** Runs file with args (stdout discarded) and measures it however it ends. */
export async function measureProcessExit(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessExit> {
  const scratch = await mkdtemp(join(tmpdir(), 'bench-measure-'));
  const timeOut = join(scratch, 'rss');
  const useGnuTime = existsSync(gnuTime);
  const [cmd, cmdArgs] = useGnuTime ? [gnuTime, ['-f', '%M %U %S', '-o', timeOut, file, ...args]] : [file, [...args]];
  try {
    let polledPeak = 0;
    let polledCpuMs = 0;
    let stderr = '';
    const start = process.hrtime.bigint();
    const child = spawn(cmd, cmdArgs, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 10_000) stderr += d;
    });
    const poll = useGnuTime
      ? undefined
      : setInterval(() => {
          if (child.pid === undefined) return;
          polledPeak = Math.max(polledPeak, readVmHwmBytes(child.pid) ?? 0);
          polledCpuMs = Math.max(polledCpuMs, readCpuMs(child.pid) ?? 0);
        }, 5);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (poll) clearInterval(poll);
    let peakRssBytes = polledPeak;
    let cpuMs = polledCpuMs;
    if (useGnuTime) {
      // The last line is ours; GNU time puts notes such as "Command exited ..." above it.
      const [rssKb, user, system] = ((await readFile(timeOut, 'utf8')).trim().split('\n').pop() ?? '').split(' ').map(Number);
      peakRssBytes = (rssKb ?? NaN) * 1024;
      cpuMs = ((user ?? NaN) + (system ?? NaN)) * 1000;
    }
    if (!Number.isFinite(peakRssBytes) || peakRssBytes <= 0) throw new Error(`no peak RSS measured for ${file}`);
    if (!Number.isFinite(cpuMs)) throw new Error(`no CPU time measured for ${file}`);
    return { wallMs, cpuMs, peakRssBytes, code, stderr };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Medians of wall time, CPU time and peak RSS over `runs` runs, one after another. */
export async function measureMedian(
  runs: number,
  file: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<ProcessMeasurement> {
  const results: ProcessMeasurement[] = [];
  for (let i = 0; i < runs; i++) results.push(await measureProcess(file, args, env));
  return {
    wallMs: median(results.map((r) => r.wallMs)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    peakRssBytes: median(results.map((r) => r.peakRssBytes)),
  };
}
