/**
 * The latency bench's Go Trace editor part (issue 18): the benchmark trace (scripts/bench/go-trace,
 * tens of MB) opened from the explorer of a real VS Code with the packaged extension. Prints
 * click -> first timeline paint (the timeline's own `firstPaintAt` stamp), the longest task of the
 * workbench and of the webview until then, then zoom and pan in the real webview, one step per
 * animation frame, windows asked of the editor's worker through VS Code's postMessage.
 * `go tool trace -pprof=sched` on the same file is timed in the same run, before VS Code works.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { goEnv, run } from '../../../test/support/go-fixtures';
import { measureMedian } from '../measure-process';
import { formatMs } from '../table';
import { ensureBenchTrace, quantile } from '../trace-bench';
import type { Figure, LatencyInput } from './latency-bench';
import { longestTask, longestTaskPerPlace, type Longest } from './observe';

const DIR = 'traces';
const FILE = 'big.trace';

/** Copies the benchmark trace into the workspace (before the window opens, so the explorer lists it). */
export async function prepareTraceWorkspace(workspace: string): Promise<string> {
  const trace = await ensureBenchTrace();
  mkdirSync(join(workspace, DIR), { recursive: true });
  copyFileSync(trace, join(workspace, DIR, FILE));
  return trace;
}

/** The webview frame holding the timeline once it painted, and that paint's time. */
async function paintedTimeline(page: Page, after: number): Promise<{ frame: Frame; at: number } | undefined> {
  for (const frame of page.frames()) {
    const at = await frame.evaluate('window.traceTimeline ? window.traceTimeline.firstPaintAt : 0').catch(() => 0);
    if (typeof at === 'number' && at > after) return { frame, at };
  }
  return undefined;
}

async function waitForTimeline(page: Page, after: number, timeoutMs: number): Promise<{ frame: Frame; at: number }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await paintedTimeline(page, after);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no trace timeline painted within ${timeoutMs} ms`);
}

interface Motion {
  /** Frame intervals during 120 animation frames of zoom in, pan, zoom out, ms. */
  readonly frames: number[];
  /** The timeline's longest paint or window update (its own measure), ms. */
  readonly slowestMs: number;
  /** Window requests answered while moving. */
  readonly windows: number;
}

// A string, not a function: tsx would wrap inner functions in helpers the webview lacks.
const ZOOM_AND_PAN = `new Promise((resolve) => {
  const t = window.traceTimeline;
  t.slowestMs = 0;
  const frames = [];
  let last = 0;
  let step = 0;
  let windows = 0;
  window.addEventListener('message', (e) => { if (e.data && e.data.kind === 'window') windows++; });
  const move = (now) => {
    if (last > 0) frames.push(now - last);
    last = now;
    const middle = t.canvas.clientWidth / 2 + 80;
    if (step < 40) t.zoom(0.85, middle);
    else if (step < 80) t.pan(step % 2 === 0 ? 0.05 : 0.04);
    else if (step < 120) t.zoom(1 / 0.85, middle);
    else return setTimeout(() => resolve({ frames, slowestMs: t.slowestMs, windows }), 500);
    step++;
    requestAnimationFrame(move);
  };
  requestAnimationFrame(move);
})`;

/**
 * Opens the trace `input.runs` times (the editor closed in between) and moves the timeline after
 * each open. `closeEditors` and `clickInExplorer` are the latency bench's own.
 */
export async function traceEditorLatency(
  page: Page,
  input: LatencyInput,
  trace: string,
  closeEditors: (page: Page) => Promise<void>,
  clickInExplorer: (page: Page, folder: string, name: string) => Promise<number>,
): Promise<Figure[]> {
  input.log('latency: go tool trace -pprof=sched on the benchmark trace');
  const goTrace = (await run('go', ['tool', '-n', 'trace'], { env: goEnv() })).stdout.trim();
  const tool = await measureMedian(1, goTrace, ['-pprof=sched', trace], goEnv());
  const opens: number[] = [];
  const workbench: number[] = [];
  const webview: number[] = [];
  const any: number[] = [];
  const placed: string[] = [];
  const frameMedians: number[] = [];
  const moveStalls: number[] = [];
  const notes: string[] = [];
  for (let i = 0; i < input.runs; i++) {
    input.log(`latency: Go Trace editor on ${FILE}, run ${i + 1}/${input.runs}`);
    await closeEditors(page);
    // Let the previous editor's worker end and the window settle before the click.
    await new Promise((r) => setTimeout(r, 3000));
    const clicked = await clickInExplorer(page, DIR, FILE);
    const { frame, at } = await waitForTimeline(page, clicked, 600_000);
    const stalls = await longestTaskPerPlace(page, clicked, at);
    // Any task of the renderer's one event loop (workbench and webviews share it), attributed or not.
    any.push((await longestTask(page, clicked, at)).longestMs);
    opens.push(at - clicked);
    workbench.push(stalls.workbench.ms);
    webview.push(stalls.webview.ms);
    // Where the longest tasks fall between the click and the paint tells what they are.
    const when = (l: Longest): string => (l.ms === 0 ? 'none' : `${l.ms.toFixed(0)} ms starting ${(l.start - clicked).toFixed(0)} ms after the click, ending ${(at - l.start - l.ms).toFixed(0)} ms before the paint`);
    placed.push(`run ${i + 1}: workbench ${when(stalls.workbench)}; webview ${when(stalls.webview)}`);
    input.log(`latency: ${FILE}: first timeline paint ${at - clicked} ms; longest task: workbench's own ${stalls.workbench.ms.toFixed(0)} ms, webview's own ${stalls.webview.ms.toFixed(0)} ms, any ${any.at(-1)!.toFixed(0)} ms`);
    const began = Date.now();
    const motion = (await frame.evaluate(ZOOM_AND_PAN)) as Motion;
    const ended = Date.now();
    const moved = await longestTaskPerPlace(page, began, ended);
    frameMedians.push(quantile(motion.frames, 0.5));
    moveStalls.push((await longestTask(page, began, ended)).longestMs);
    notes.push(`run ${i + 1}: ${motion.frames.length} frames, interval median ${formatMs(quantile(motion.frames, 0.5))}, p95 ${formatMs(quantile(motion.frames, 0.95))}, longest ${formatMs(quantile(motion.frames, 1))}; timeline's longest paint/window update ${formatMs(motion.slowestMs)}; ${motion.windows} windows answered; longest task of the workbench's own code ${formatMs(moved.workbench.ms)}, the webview's ${formatMs(moved.webview.ms)}`);
  }
  const what = `Go Trace editor, ${FILE} (${(statSync(trace).size / (1 << 20)).toFixed(1)} MB)`;
  return [
    { what: `go tool trace -pprof=sched on ${FILE} (process, same run)`, goal: '', samples: [tool.wallMs], note: `CPU ${formatMs(tool.cpuMs)}` },
    {
      what: `${what}: click -> first timeline paint`,
      goal: 'below go tool trace; no stall > 50 ms',
      samples: opens,
      stalls: any,
      note: `longest task per run: workbench's own code ${workbench.map((t) => t.toFixed(0)).join(', ')} ms; webview's own code ${webview.map((t) => t.toFixed(0)).join(', ')} ms; any ${any.map((t) => t.toFixed(0)).join(', ')} ms; ${placed.join('; ')}`,
    },
    { what: `${what}: zoom/pan frame interval (median per run)`, goal: '16.7 ms (60 fps)', samples: frameMedians, stalls: moveStalls, note: notes.join(' | ') },
  ];
}
