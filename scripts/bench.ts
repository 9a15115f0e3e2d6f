/**
 * `npm run bench`: how the engine compares with `go tool pprof -top` on large real profiles.
 *
 * For each profile: `go tool pprof -top` and `go-profiler top` as processes (median wall
 * time and median peak RSS of N runs), then decode / top / flame in-process. Not a test:
 * numbers depend on the machine. Usage: npm run bench [-- --runs N] [--only NAME] [--figures]
 * It starts with the CLI figures of issue 14 against the pprof binary (bench/report-figures.ts);
 * --figures prints only those.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { committedProfiles, repoRoot } from '../test/support/go-fixtures';
import { pprofBinary, pprofEnv } from '../test/support/go-pprof';
import { agentBenchReport } from './bench/agent-overhead';
import { benchLatency, smallProfile } from './bench/latency/latency-bench';
import { formatLatency } from './bench/latency/report';
import { bigProfileGoals } from './bench/latency/targets';
import { benchFlame, formatFlameBench } from './bench/flame-bench';
import { ensureBenchProfiles, type BenchProfile } from './bench/generate';
import { loadEngine, timeStages, type StageTiming, type StageTimings } from './bench/in-process';
import { measureMedian, peakRssMethod, type ProcessMeasurement } from './bench/measure-process';
import { formatBytes, formatMs, formatRatio, renderTable } from './bench/table';
import { traceBenchReport } from './bench/trace-bench';
import { reportFigures } from './bench/report-figures';
import { firstFlameFigure } from './bench/first-flame-figure';
import { THREADS_VARIABLE, TWO_THREADS_MIN_BYTES } from '../src/cli/top-threads';

interface Result {
  readonly profile: BenchProfile;
  readonly rawBytes: number;
  readonly pprof: ProcessMeasurement;
  readonly cli: ProcessMeasurement | string;
  /** `go-profiler top` kept to one thread, for profiles big enough for two. */
  readonly cliOneThread: ProcessMeasurement | undefined;
  readonly stages: StageTimings;
}

interface BenchArgs {
  readonly runs: number;
  /** Only profiles whose name contains this. */
  readonly only: string | undefined;
  /** Only the CLI figures of issue 14 (report-figures.ts). */
  readonly figuresOnly: boolean;
}

function parseArgs(argv: readonly string[]): BenchArgs {
  let runs = 3;
  let only: string | undefined;
  let figuresOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--runs' && value !== undefined) {
      runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a positive integer, got ${value}`);
      i++;
    } else if (argv[i] === '--only' && value !== undefined) {
      only = value;
      i++;
    } else if (argv[i] === '--figures') {
      figuresOnly = true;
    } else {
      throw new Error(`unknown argument ${argv[i]}; usage: npm run bench [-- --runs N] [--only NAME] [--figures]`);
    }
  }
  return { runs, only, figuresOnly };
}

function rawSize(path: string): number {
  const bytes = readFileSync(path);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).length : bytes.length;
}

/** GNU time counts CPU in 10 ms steps, so 0 means "under 10 ms". */
function formatCpuMs(ms: number): string {
  return ms === 0 ? '<10 ms' : formatMs(ms);
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function benchOne(profile: BenchProfile, runs: number, pprof: string, cli: string): Promise<Result> {
  const rawBytes = rawSize(profile.path);
  log(`${profile.name}: go tool pprof -top ×${runs}`);
  const pprofResult = await measureMedian(runs, pprof, ['-symbolize=none', '-top', profile.path], pprofEnv());
  let cliResult: ProcessMeasurement | string = 'n/a (not built)';
  if (existsSync(cli)) {
    log(`${profile.name}: go-profiler top ×${runs}`);
    try {
      // Big profiles in two threads, as on a machine with a core to spare (not left to the load average).
      const env = rawBytes >= TWO_THREADS_MIN_BYTES ? { ...process.env, [THREADS_VARIABLE]: '2' } : undefined;
      cliResult = await measureMedian(runs, process.execPath, [cli, 'top', profile.path], env);
    } catch (error) {
      cliResult = `n/a (failed: ${(error as Error).message.split('\n')[0]?.slice(0, 120)})`;
    }
  }
  let cliOneThread: ProcessMeasurement | undefined;
  if (typeof cliResult !== 'string' && rawBytes >= TWO_THREADS_MIN_BYTES) {
    log(`${profile.name}: go-profiler top in one thread ×${runs}`);
    cliOneThread = await measureMedian(runs, process.execPath, [cli, 'top', profile.path], { ...process.env, [THREADS_VARIABLE]: '1' });
  }
  log(`${profile.name}: decode / top / flame in-process ×${runs}`);
  const stages = await timeStages(await loadEngine(), profile.path, runs);
  return { profile, rawBytes, pprof: pprofResult, cli: cliResult, cliOneThread, stages };
}

function report(results: readonly Result[], runs: number): string {
  const rows = results.map((r) => {
    const cli = typeof r.cli === 'string' ? undefined : r.cli;
    return [
      r.profile.name,
      formatBytes(r.rawBytes),
      r.stages.samples === undefined ? 'n/a' : String(r.stages.samples),
      formatMs(r.pprof.wallMs),
      formatCpuMs(r.pprof.cpuMs),
      formatBytes(r.pprof.peakRssBytes),
      cli ? formatMs(cli.wallMs) : String(r.cli),
      cli ? formatCpuMs(cli.cpuMs) : 'n/a',
      cli ? formatBytes(cli.peakRssBytes) : 'n/a',
      formatRatio(cli && r.pprof.wallMs / cli.wallMs),
      formatRatio(cli && r.pprof.cpuMs > 0 ? r.pprof.cpuMs / cli.cpuMs : undefined),
      formatRatio(cli && r.pprof.peakRssBytes / cli.peakRssBytes),
    ];
  });
  const stageCells = (t: StageTiming | string): string[] =>
    typeof t === 'string' ? [t, ''] : [formatMs(t.wallMs), formatMs(t.cpuMs)];
  const stageRows = results.map((r) => [
    r.profile.name,
    ...stageCells(r.stages.decode),
    ...stageCells(r.stages.top),
    ...stageCells(r.stages.flame),
  ]);
  const headings = [
    'profile',
    'raw size',
    'samples',
    'pprof wall',
    'pprof CPU',
    'pprof RSS',
    'cli wall',
    'cli CPU',
    'cli RSS',
    'faster (wall)',
    'less CPU',
    'less memory',
  ];
  const stageHeadings = ['in-process', 'decode wall', 'CPU', 'top wall', 'CPU', 'flame wall', 'CPU'];
  const lines = [
    '',
    `Medians of ${runs} runs. pprof = \`go tool pprof -symbolize=none -top FILE\` (the pprof binary run`,
    `directly), cli = \`node dist/cli.js top FILE\`; CPU = user + system time; peak RSS and CPU`,
    `by ${peakRssMethod}. On a busy shared machine wall time swings with the load; CPU time less.`,
    '',
    renderTable(headings, rows),
    '',
    `Profiles of ${formatBytes(TWO_THREADS_MIN_BYTES)} or more are split between two threads above (${THREADS_VARIABLE}=2, what`,
    `go-profiler top does when a core is idle); kept to one thread (${THREADS_VARIABLE}=1, what it does on a busy machine):`,
    '',
    renderTable(
      ['profile', 'cli wall', 'cli CPU', 'cli RSS', 'faster (wall)', 'less CPU', 'less memory'],
      results.flatMap((r) => {
        const one = r.cliOneThread;
        if (one === undefined) return [];
        return [[
          r.profile.name,
          formatMs(one.wallMs),
          formatCpuMs(one.cpuMs),
          formatBytes(one.peakRssBytes),
          formatRatio(r.pprof.wallMs / one.wallMs),
          formatRatio(r.pprof.cpuMs > 0 ? r.pprof.cpuMs / one.cpuMs : undefined),
          formatRatio(r.pprof.peakRssBytes / one.peakRssBytes),
        ]];
      }),
    ),
    '',
    'In-process stages (medians): decode = read + inflate + decode; top and flame start from the',
    'decoded profile. CPU is the whole process, GC threads included.',
    '',
    renderTable(stageHeadings, stageRows),
  ];
  const largest = [...results].sort((a, b) => b.rawBytes - a.rawBytes)[0];
  if (largest) {
    const cli = typeof largest.cli === 'string' ? undefined : largest.cli;
    const speed = cli && largest.pprof.wallMs / cli.wallMs;
    const cpu = cli && largest.pprof.cpuMs / cli.cpuMs;
    const memory = cli && largest.pprof.peakRssBytes / cli.peakRssBytes;
    const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');
    lines.push(
      '',
      `Target on the largest file (${largest.profile.name}):`,
      `  ≥30× faster than go tool pprof -top: ${verdict(speed === undefined ? undefined : speed >= 30)} ` +
        `(${formatRatio(speed)} by wall time, ${formatRatio(cpu)} by CPU time)`,
      `  ≤1/8 of its peak memory: ${verdict(memory === undefined ? undefined : memory >= 8)} (${formatRatio(memory)} less)`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { runs, only, figuresOnly } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  log('generating benchmark profiles with Go (once, cached in .cache/bench) ...');
  const generated = await ensureBenchProfiles();
  const pprof = await pprofBinary();
  const cli = join(repoRoot, 'dist', 'cli.js');
  process.stdout.write(await reportFigures(generated, runs, pprof, cli, log));
  process.stdout.write((await firstFlameFigure(generated, runs, log)) ?? '');
  if (figuresOnly) return;
  const profiles = [...generated, ...(await committedProfiles())].filter((p) => only === undefined || p.name.includes(only));
  if (profiles.length === 0) throw new Error(`no benchmark profile name contains "${only ?? ''}"`);
  const results: Result[] = [];
  for (const profile of profiles) results.push(await benchOne(profile, runs, pprof, cli));
  process.stdout.write(`${report(results, runs)}\n`);
  log('flame graph in Chromium: data ready -> first paint, zoom frame time ...');
  const largest = [...profiles].sort((a, b) => statSync(b.path).size - statSync(a.path).size)[0]!;
  const flameProfiles = [largest, ...profiles.filter((p) => p.name.includes('large.cpu') && p !== largest)];
  process.stdout.write(formatFlameBench(await benchFlame(flameProfiles, runs)));
  log('execution trace: go tool trace -pprof=sched, go-profiler trace-profile, the Go Trace editor ...');
  process.stdout.write(await traceBenchReport(runs));
  log('agent: idle overhead and capture latency ...');
  process.stdout.write(await agentBenchReport(runs));
  log('latency in a real VS Code: the packaged .vsix in code-server, clicked in Chromium ...');
  const big = bigProfileGoals(await ensureBenchProfiles());
  process.stdout.write(formatLatency(await benchLatency({ small: smallProfile, big, runs, log }), runs));
  log(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
