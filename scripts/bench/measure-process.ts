/**
 * Wall time and peak resident memory of a child process.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time`, the kernel's ru_maxrss) when it is
 * installed; otherwise from polling the child's VmHWM in /proc, which needs nothing but can
 * miss growth in the last few milliseconds before exit.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessMeasurement {
  readonly wallMs: number;
  readonly peakRssBytes: number;
}

const gnuTime = '/usr/bin/time';

export const peakRssMethod = existsSync(gnuTime) ? 'GNU time ru_maxrss' : '/proc VmHWM polling';

function readVmHwmBytes(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : undefined;
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
  const scratch = await mkdtemp(join(tmpdir(), 'bench-measure-'));
  const timeOut = join(scratch, 'rss');
  const useGnuTime = existsSync(gnuTime);
  const [cmd, cmdArgs] = useGnuTime ? [gnuTime, ['-f', '%M', '-o', timeOut, file, ...args]] : [file, [...args]];
  try {
    let polledPeak = 0;
    let stderr = '';
    const start = process.hrtime.bigint();
    const child = spawn(cmd, cmdArgs, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 10_000) stderr += d;
    });
    const poll = useGnuTime
      ? undefined
      : setInterval(() => {
          const hwm = child.pid === undefined ? undefined : readVmHwmBytes(child.pid);
          if (hwm !== undefined) polledPeak = Math.max(polledPeak, hwm);
        }, 5);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (poll) clearInterval(poll);
    if (code !== 0) {
      throw new Error(`\`${[file, ...args].join(' ')}\` exited with status ${String(code)}: ${stderr.trim().slice(0, 500)}`);
    }
    const peakRssBytes = useGnuTime ? Number((await readFile(timeOut, 'utf8')).trim().split('\n').pop()) * 1024 : polledPeak;
    if (!Number.isFinite(peakRssBytes) || peakRssBytes <= 0) throw new Error(`no peak RSS measured for ${file}`);
    return { wallMs, peakRssBytes };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Median wall time and median peak RSS of `runs` runs, one after another. */
export async function measureMedian(
  runs: number,
  file: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<ProcessMeasurement> {
  const results: ProcessMeasurement[] = [];
  for (let i = 0; i < runs; i++) results.push(await measureProcess(file, args, env));
  return { wallMs: median(results.map((r) => r.wallMs)), peakRssBytes: median(results.map((r) => r.peakRssBytes)) };
}
