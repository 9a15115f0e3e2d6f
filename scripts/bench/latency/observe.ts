/**
 * What the latency benchmark reads from the workbench page and its webview frames: the flame
 * view's own paint time (`data-painted-at`, set by webview/views/flame-view.ts on its first
 * paint of new data) and the long tasks ('longtask' PerformanceObserver entries) of every frame.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';

export interface LongTask {
  /** Wall-clock start, ms since the epoch. */
  readonly start: number;
  readonly duration: number;
  /**
   * The entry's attribution: 'self' when the task ran this frame's code. Same-origin frames
   * share one event loop (code-server serves its webviews from the workbench's origin), so
   * every frame also sees the others' tasks under other names.
   */
  readonly name?: string;
}

/**
 * Runs in every frame (so in the browser, written as source text: this file is compiled
 * without the DOM library). Keeps the frame's long tasks in window.__latencyLongTasks.
 */
const LONG_TASK_OBSERVER = `(() => {
  if (window.__latencyLongTasks) return;
  const tasks = [];
  window.__latencyLongTasks = tasks;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration, name: e.name });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/**
 * Which stamp of the flame view: its first paint of new data (the coarse tree of a big profile)
 * or the first paint of the whole tree (webview/views/flame-view.ts sets both).
 */
export type PaintStamp = 'painted-at' | 'complete-at';

/** The latest such stamp of the frame's flame views, or null. */
const paintStamp = (stamp: PaintStamp): string => `(() => {
  const stamps = [...document.querySelectorAll('[data-testid="flame-view"][data-${stamp}]')].map((e) => Number(e.getAttribute('data-${stamp}')));
  return stamps.length === 0 ? null : Math.max(...stamps);
})()`;

/** Installs the long-task observer in every frame the context creates (workbench and webviews). */
export async function observeLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: LONG_TASK_OBSERVER });
  await context.addInitScript({ content: POINTER_DOWN_STAMP });
}

/**
 * The wall-clock time of the latest mousedown in a frame: when the user's click happened.
 * Playwright's click first waits for the element to be visible, stable and hit (tens of ms on a
 * busy machine), so the time taken before calling it is earlier than the click itself.
 */
const POINTER_DOWN_STAMP = `(() => {
  if (window.__latencyPointerDown !== undefined) return;
  window.__latencyPointerDown = 0;
  window.addEventListener('mousedown', (e) => { window.__latencyPointerDown = performance.timeOrigin + e.timeStamp; }, true);
})();`;

/** When the latest mousedown on the workbench page happened (ms since the epoch), or `fallback` if none after it. */
export async function pointerDownAt(page: Page, fallback: number): Promise<number> {
  const at = await inFrame(page.mainFrame(), 'window.__latencyPointerDown');
  return typeof at === 'number' && at >= fallback ? at : fallback;
}

async function inFrame(frame: Frame, expression: string): Promise<unknown> {
  try {
    return await frame.evaluate(expression);
  } catch {
    return undefined; // detached or navigating
  }
}

/** Every frame's long tasks that overlap [from, to], with whether the frame is the workbench page itself. */
async function tasksIn(page: Page, from: number, to: number): Promise<{ tasks: LongTask[]; workbench: boolean }[]> {
  const out: { tasks: LongTask[]; workbench: boolean }[] = [];
  for (const frame of page.frames()) {
    const tasks = (await inFrame(frame, 'window.__latencyLongTasks')) as LongTask[] | undefined;
    if (!Array.isArray(tasks)) continue;
    out.push({ tasks: tasks.filter((t) => t.start < to && t.start + t.duration > from), workbench: frame === page.mainFrame() });
  }
  return out;
}

/**
 * The longest task of any frame that overlaps [from, to], how many frames reported, and where
 * that task ran ('workbench' for the page itself, else 'webview').
 */
export async function longestTask(page: Page, from: number, to: number): Promise<{ longestMs: number; frames: number; where: string }> {
  let longestMs = 0;
  let where = '';
  const frames = await tasksIn(page, from, to);
  for (const f of frames) {
    for (const t of f.tasks) {
      if (t.duration > longestMs) {
        longestMs = t.duration;
        where = f.workbench ? 'workbench' : 'webview';
      }
    }
  }
  return { longestMs, frames: frames.length, where };
}

/** The longest task of one place: its duration (0: none) and its wall-clock start. */
export interface Longest {
  readonly ms: number;
  readonly start: number;
}

/**
 * The longest task overlapping [from, to] that ran the workbench page's own code and the longest
 * that ran a webview frame's own code (attribution 'self').
 */
export async function longestTaskPerPlace(page: Page, from: number, to: number): Promise<{ workbench: Longest; webview: Longest }> {
  const out = { workbench: { ms: 0, start: 0 }, webview: { ms: 0, start: 0 } };
  for (const f of await tasksIn(page, from, to)) {
    const place = f.workbench ? 'workbench' : 'webview';
    for (const t of f.tasks) if (t.name === 'self' && t.duration > out[place].ms) out[place] = { ms: t.duration, start: t.start };
  }
  return out;
}

/** The latest flame paint time of any frame after `after` (ms since the epoch), or undefined. */
async function latestPaint(page: Page, after: number, stamp: PaintStamp): Promise<number | undefined> {
  let latest: number | undefined;
  for (const frame of page.frames()) {
    const at = await inFrame(frame, paintStamp(stamp));
    if (typeof at === 'number' && at > after && (latest === undefined || at > latest)) latest = at;
  }
  return latest;
}

/** Waits for a flame view to paint data after `after`; resolves to that paint's wall-clock time. */
export async function waitForFlamePaint(page: Page, after: number, timeoutMs: number, stamp: PaintStamp = 'painted-at'): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const at = await latestPaint(page, after, stamp);
    if (at !== undefined) return at;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no flame graph painted within ${timeoutMs} ms`);
}
