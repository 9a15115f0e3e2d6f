/**
 * Issue 14's in-process figure: what the editor's worker does when a profile is opened, decode
 * (inflate included) then its first flame answer (worker/first-flame.ts, default view), on the
 * 90 MB heap profile, against the goal of 1 s. Measured in this process, so each run after the
 * first has its code compiled, as the worker has after its first profile.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../vscode/paths';
import { decodeProfile } from '../../src/pprof';
import { inflateNode } from '../../src/pprof/inflate-node';
import { selectSampleType } from '../../src/analysis/sample-type';
import { toReportOptions } from '../../src/worker/report-options';
import { PendingStacks, wideFirstFlame } from '../../src/worker/first-flame';
import type { BenchProfile } from './generate';
import { timeMedian } from './in-process';
import { median } from './measure-process';
import { formatMs, formatRatio } from './table';

const GOAL_MS = 1000;

/** One line per measured stage; undefined when the profile was not generated. */
export async function firstFlameFigure(generated: readonly BenchProfile[], runs: number, log: (m: string) => void): Promise<string | undefined> {
  const heap = generated.find((p) => p.name === 'heap-3M-samples');
  if (!heap) return undefined;
  log(`in-process decode + first flame, ${heap.name} ×${runs}`);
  const bytes = readFileSync(heap.path);
  const decodeCpu: number[] = [];
  const flameCpu: number[] = [];
  const cpuMs = (): number => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  const total = await timeMedian(runs, () => {
    const start = cpuMs();
    const profile = decodeProfile(bytes, { source: heap.path, inflate: inflateNode });
    const decoded = cpuMs();
    decodeCpu.push(decoded - start);
    const sampleIndex = selectSampleType(profile, undefined);
    const options = { ...toReportOptions({ sampleIndex }, sampleIndex), sampleIndex };
    const view = wideFirstFlame(profile, options, profile.sampleTypes[sampleIndex]?.unit ?? '', new PendingStacks());
    flameCpu.push(cpuMs() - decoded);
    return view;
  });
  const fresh = freshWorkerFirstFlame(heap.path, runs, log);
  return [
    `In process (the editor's worker), ${heap.name} (90 MB raw): decode + first flame ${formatMs(total.wallMs)} wall,`,
    `${formatMs(total.cpuMs)} CPU (decode ${formatMs(median(decodeCpu))}, first flame ${formatMs(median(flameCpu))} CPU); goal ${formatMs(GOAL_MS)}:`,
    `goal/ours ${formatRatio(GOAL_MS / total.cpuMs)} by CPU (medians of ${runs}).`,
    `The editor's own path, a fresh decode worker (dist/decode-worker.js) per run, open -> first flame answered:`,
    `${formatMs(fresh.wallMs)} wall, ${formatMs(fresh.cpuMs)} CPU (runs ${fresh.runs.map((r) => formatMs(r)).join(', ')} wall); goal/ours ${formatRatio(GOAL_MS / fresh.cpuMs)} by CPU.`,
    '',
  ].join('\n');
}

/**
 * What the editor does when it opens the profile: a new worker thread from the bundle, `open`
 * then the default `flame` (scripts/bench/fresh-worker.mjs, in a plain Node process). Needs
 * `npm run build` (npm run bench runs it first).
 */
function freshWorkerFirstFlame(path: string, runs: number, log: (m: string) => void): { wallMs: number; cpuMs: number; runs: number[] } {
  log(`fresh decode worker ×${runs}`);
  const out = execFileSync(process.execPath, [join(repoRoot, 'scripts', 'bench', 'fresh-worker.mjs'), join(repoRoot, 'dist', 'decode-worker.js'), path, String(runs)], { encoding: 'utf8' });
  const { wallMs, cpuMs } = JSON.parse(out) as { wallMs: number[]; cpuMs: number[] };
  return { wallMs: median(wallMs), cpuMs: median(cpuMs), runs: wallMs };
}
