/**
 * Execution traces in `npm run bench`: a large real trace (scripts/bench/go-trace, made once
 * into .cache/bench-trace/) read by `go tool trace -pprof=sched` and by `go-profiler
 * trace-profile --type sched` as processes; then the Go Trace editor's path: its worker
 * thread (dist/trace-worker.js: read, parse, view model), and data arriving in the page ->
 * first timeline paint in Chromium. Not a test: the numbers depend on the machine.
 *
 * Alone: node --import tsx scripts/bench/trace-bench.ts [--runs N] (after npm run build).
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, goEnv, goVersion, hashTree, repoRoot, run } from '../../test/support/go-fixtures';
import { bundlePage, launchBrowser, serve } from '../../test/webview/harness';
import { loadTraceInWorker } from '../../src/trace-editor/trace-worker-protocol';
import type { TraceViewModel } from '../../src/shared/trace-view';
import { measureMedian, median } from './measure-process';
import { formatBytes, formatMs, formatRatio, renderTable } from './table';

const sourceDir = join(repoRoot, 'scripts', 'bench', 'go-trace');
const ARGS = ['-handoffs', '2000000', '-rings', '8', '-size', '16'];

/** The benchmark trace, made once per (sources, arguments, Go version). */
export async function ensureBenchTrace(): Promise<string> {
  const dir = join(repoRoot, '.cache', 'bench-trace', await hashTree(sourceDir, `${await goVersion()}\0${ARGS.join(' ')}`));
  await buildOnce(dir, async (temp) => {
    const bin = join(temp, 'tracebig');
    await run('go', ['build', '-o', bin, './tracebig'], { cwd: sourceDir, env: goEnv(), timeoutMs: 300_000 });
    await run(bin, [...ARGS, '-o', join(temp, 'big.trace')], { cwd: temp, timeoutMs: 300_000 });
    await rm(bin);
  });
  return join(dir, 'big.trace');
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Timed {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** The editor's worker (the bundled dist/trace-worker.js): read, parse and view model; CPU is the process's, the main thread idle. */
async function inWorker(file: string): Promise<{ worker: Timed; view: TraceViewModel }> {
  const [w, c] = [performance.now(), cpuMs()];
  const answer = await loadTraceInWorker(join(repoRoot, 'dist', 'trace-worker.js'), { path: file, fileName: 'big.trace' }).answer;
  const worker = { wallMs: performance.now() - w, cpuMs: cpuMs() - c };
  if (!answer.ok) throw new Error(answer.message);
  return { worker, view: answer.model };
}

/** Data in the page -> the timeline's first paint, ms, per run. */
async function firstPaints(model: TraceViewModel, runs: number): Promise<number[]> {
  const script = await bundlePage(join(repoRoot, 'test', 'webview', 'page', 'trace-page.ts'));
  const server = await serve(script);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(server.url);
      await page.waitForFunction(() => (globalThis as unknown as { posted: { kind: string }[] }).posted.some((m) => m.kind === 'ready'));
      // The model is copied into the page first; the clock starts when the webview gets the message.
      await page.evaluate((m) => ((globalThis as unknown as { benchModel: unknown }).benchModel = m), model);
      // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
      const ms = await page.evaluate(`new Promise((resolve) => {
        const started = performance.now();
        globalThis.postMessage({ kind: 'trace', model: globalThis.benchModel }, '*');
        const wait = () => ((globalThis.traceTimeline?.paints ?? 0) > 0 ? resolve(performance.now() - started) : requestAnimationFrame(wait));
        wait();
      })`);
      out.push(Number(ms));
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function traceBenchReport(runs: number): Promise<string> {
  const file = await ensureBenchTrace();
  const goTrace = (await run('go', ['tool', '-n', 'trace'], { env: goEnv() })).stdout.trim();
  const out = await mkdtemp(join(tmpdir(), 'gp-trace-bench-'));
  try {
    const tool = await measureMedian(runs, goTrace, ['-pprof=sched', file], goEnv());
    const cli = await measureMedian(runs, process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'trace-profile', file, '--type', 'sched', '--out', join(out, 'sched.pb.gz')]);
    const workerRuns: { worker: Timed; view: TraceViewModel }[] = [];
    for (let i = 0; i < runs; i++) workerRuns.push(await inWorker(file));
    const view = workerRuns.at(-1)!.view;
    const paints = await firstPaints(view, runs);
    const med = (f: (r: Timed) => number): number => median(workerRuns.map((r) => f(r.worker)));
    const editorWall = med((r) => r.wallMs) + median(paints);
    return [
      '',
      `Execution trace: ${formatBytes(statSync(file).size)}, ${view.events} events (scripts/bench/go-trace, ${ARGS.join(' ')}); medians of ${runs} runs.`,
      '',
      renderTable(
        ['', 'wall', 'CPU', 'peak RSS'],
        [
          ['go tool trace -pprof=sched', formatMs(tool.wallMs), formatMs(tool.cpuMs), formatBytes(tool.peakRssBytes)],
          ['go-profiler trace-profile --type sched', formatMs(cli.wallMs), formatMs(cli.cpuMs), formatBytes(cli.peakRssBytes)],
          ['editor: read + parse + view model (worker thread)', formatMs(med((r) => r.wallMs)), formatMs(med((r) => r.cpuMs)), ''],
          ['editor: data -> first timeline paint (Chromium)', formatMs(median(paints)), '', ''],
        ],
      ),
      '',
      `go-profiler trace-profile vs go tool trace -pprof=sched: ${formatRatio(tool.wallMs / cli.wallMs)} by wall time, ${formatRatio(tool.cpuMs / cli.cpuMs)} by CPU time.`,
      `Parse + view model + first paint: ${formatMs(editorWall)} against go tool trace -pprof=sched's ${formatMs(tool.wallMs)} (${formatRatio(tool.wallMs / editorWall)}).`,
      '',
    ].join('\n');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('trace-bench.ts')) {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 3;
  traceBenchReport(runs).then(
    (report) => process.stdout.write(report),
    (error: unknown) => {
      process.stderr.write(`trace bench: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
