/**
 * Execution traces in `npm run bench`: a large real trace (scripts/bench/go-trace, made once
 * into .cache/bench-trace/) read by `go tool trace -pprof=sched` and by `go-profiler
 * trace-profile --type sched` as processes; then the Go Trace editor's path: its worker
 * thread (dist/trace-worker.js: read, parse, view model), and data arriving in the page ->
 * first timeline paint in Chromium, then zoom and pan frame by frame (window requests answered
 * by the worker, as in the editor) with frame intervals and main-thread long tasks printed. Not a test: the numbers depend on the machine.
 *
 * Alone: node --import tsx scripts/bench/trace-bench.ts [--runs N] [--editor-only] (after npm run build).
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, goEnv, goVersion, hashTree, repoRoot, run } from '../../test/support/go-fixtures';
import { bundlePage, launchBrowser, serve } from '../../test/webview/harness';
import { loadTraceInWorker, type TraceWorkerHandle } from '../../src/trace-editor/trace-worker-protocol';
import type { TraceWindowRequest } from '../../src/shared/trace-window';
import type { TraceViewModel } from '../../src/shared/trace-view';
import { measureMedian, median } from './measure-process';
import { formatBytes, formatMs, formatRatio, renderTable } from './table';
import { firstPaintLine, type FirstPaintNumbers } from './trace-first-paint';

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
async function inWorker(file: string): Promise<{ worker: Timed; view: TraceViewModel; handle: TraceWorkerHandle }> {
  const [w, c] = [performance.now(), cpuMs()];
  const handle = loadTraceInWorker(join(repoRoot, 'dist', 'trace-worker.js'), { path: file, fileName: 'big.trace' });
  const answer = await handle.answer;
  const worker = { wallMs: performance.now() - w, cpuMs: cpuMs() - c };
  if (!answer.ok) throw new Error(answer.message);
  return { worker, view: answer.model, handle };
}

interface PageNumbers extends FirstPaintNumbers {
  /** Data in the page -> the timeline's first paint, ms. */
  readonly firstPaintMs: number;
  /** Frame intervals during 120 frames of zoom and pan (windows asked of the worker as in the editor), ms. */
  readonly frames: number[];
  /** The timeline's own paint times during them, ms. */
  readonly paints: number[];
  /** Main-thread tasks over 50 ms (PerformanceObserver 'longtask') from the message to the end, ms each. */
  readonly longTasks: number[];
  /** The timeline's own longest paint or window update, ms. */
  readonly slowestMs: number;
}

/** The page: first paint, then zoom in and out and pan, one step per animation frame, answering window requests from the worker. */
async function inPage(model: TraceViewModel, handle: TraceWorkerHandle, runs: number): Promise<PageNumbers[]> {
  const script = await bundlePage(join(repoRoot, 'test', 'webview', 'page', 'trace-page.ts'));
  const server = await serve(script);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.exposeFunction('benchWindow', (request: TraceWindowRequest) => handle.window(request));
    const out: PageNumbers[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(server.url);
      await page.waitForFunction(() => (globalThis as unknown as { posted: { kind: string }[] }).posted.some((m) => m.kind === 'ready'));
      // The model is copied into the page first; the clock starts when the webview gets the message.
      await page.evaluate((m) => ((globalThis as unknown as { benchModel: unknown }).benchModel = m), model);
      // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
      const numbers = await page.evaluate(`new Promise((resolve) => {
        const longTasks = [];
        const taskStarts = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => { longTasks.push(e.duration); taskStarts.push(e.startTime); })).observe({ type: 'longtask' });
        const posted = globalThis.posted;
        posted.push = (m) => {
          Array.prototype.push.call(posted, m);
          if (m.kind === 'window') globalThis.benchWindow(m.request).then((w) => w && globalThis.postMessage({ kind: 'window', window: w }, '*'));
          return posted.length;
        };
        const started = performance.now();
        globalThis.postMessage({ kind: 'trace', model: globalThis.benchModel }, '*');
        let firstPaintMs = 0;
        let firstLongestFrameMs = 0;
        const frames = [];
        const paints = [];
        let last = 0;
        let step = 0;
        const move = (now) => {
          const t = globalThis.traceTimeline;
          if (last > 0) { frames.push(now - last); paints.push(t.lastPaintMs); }
          last = now;
          const middle = t.canvas.clientWidth / 2 + 80;
          if (step < 40) t.zoom(0.85, middle);
          else if (step < 80) t.pan(step % 2 === 0 ? 0.05 : 0.04);
          else if (step < 120) t.zoom(1 / 0.85, middle);
          else return setTimeout(() => resolve({ firstPaintMs, firstLongestFrameMs, frames, paints, longTasks, firstLongTasks: longTasks.filter((d, k) => taskStarts[k] < started + firstPaintMs), slowestMs: t.slowestMs }), 200);
          step++;
          requestAnimationFrame(move);
        };
        let previous = started;
        const wait = (now) => {
          if (now !== undefined) { firstLongestFrameMs = Math.max(firstLongestFrameMs, now - previous); previous = now; }
          if ((globalThis.traceTimeline?.paints ?? 0) === 0) return requestAnimationFrame(wait);
          firstPaintMs = performance.now() - started;
          requestAnimationFrame(move);
        };
        wait();
      })`);
      out.push(numbers as PageNumbers);
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The q-quantile of the values (0: smallest, 1: largest). */
export const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

export async function traceBenchReport(runs: number, editorOnly = false): Promise<string> {
  const file = await ensureBenchTrace();
  const goTrace = (await run('go', ['tool', '-n', 'trace'], { env: goEnv() })).stdout.trim();
  const out = await mkdtemp(join(tmpdir(), 'gp-trace-bench-'));
  try {
    // --editor-only (working on the editor): the two processes are not measured.
    const skip = { wallMs: NaN, cpuMs: NaN, peakRssBytes: NaN };
    const tool = editorOnly ? skip : await measureMedian(runs, goTrace, ['-pprof=sched', file], goEnv());
    const cli = editorOnly ? skip : await measureMedian(runs, process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'trace-profile', file, '--type', 'sched', '--out', join(out, 'sched.pb.gz')]);
    const workerRuns: { worker: Timed; view: TraceViewModel; handle: TraceWorkerHandle }[] = [];
    for (let i = 0; i < runs; i++) {
      workerRuns.at(-1)?.handle.cancel();
      workerRuns.push(await inWorker(file));
    }
    const { view, handle } = workerRuns.at(-1)!;
    const pages = await inPage(view, handle, runs).finally(() => handle.cancel());
    const paints = pages.map((p) => p.firstPaintMs);
    const frames = pages.flatMap((p) => p.frames);
    const paintMs = pages.flatMap((p) => p.paints);
    const longTasks = pages.flatMap((p) => p.longTasks);
    const med = (f: (r: Timed) => number): number => median(workerRuns.map((r) => f(r.worker)));
    const editorWall = med((r) => r.wallMs) + median(paints);
    return [
      '',
      `Execution trace: ${formatBytes(statSync(file).size)}, ${view.events} events (scripts/bench/go-trace, ${ARGS.join(' ')}); medians of ${runs} runs. The page gets ${view.complete ? 'every running slice' : `a window of ${view.slices.count} running slices (level of detail), asking the worker for others as it zooms`}.`,
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
      `Zoom and pan (${frames.length} frames): frame interval median ${formatMs(quantile(frames, 0.5))}, 95th percentile ${formatMs(quantile(frames, 0.95))}, longest ${formatMs(quantile(frames, 1))} (60 fps = 16.7 ms); timeline paint median ${formatMs(quantile(paintMs, 0.5))}, longest ${formatMs(quantile(paintMs, 1))}.`,
      firstPaintLine(pages),
      `Main-thread tasks over 50 ms in the page from the data's arrival to the end: ${longTasks.length === 0 ? 'none' : longTasks.map((t) => formatMs(t)).join(', ')} (they include Playwright decoding the window answers it carries into the page); the timeline's own longest paint or window update: ${formatMs(Math.max(...pages.map((p) => p.slowestMs)))}.`,
      '',
    ].join('\n');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('trace-bench.ts')) {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 3;
  traceBenchReport(runs, process.argv.includes('--editor-only')).then(
    (report) => process.stdout.write(report),
    (error: unknown) => {
      process.stderr.write(`trace bench: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
