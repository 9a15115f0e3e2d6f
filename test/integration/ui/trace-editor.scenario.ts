// The Go Trace editor in a real VS Code, driven like a user: open a real program's trace from the
// explorer, see the summary and the timeline (the view model reaches the webview as typed arrays
// through VS Code's postMessage), click a start function's label for its goroutines' rows, click
// the longest run on P0 for its details. The numbers come from our reader on the same file
// (checked against go tool trace in test/go/trace).
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { activeWebview, openFromExplorer } from '../../../scripts/vscode/workbench';
import { sliceAt, TIMELINE_LABEL_WIDTH, TIMELINE_ROW_HEIGHT, type TraceSlice } from '../../../src/shared/trace-view';
import { readTrace } from '../../../src/trace/read';
import { traceViewModel } from '../../../src/trace/trace-view-model';
import { eventually } from '../../support/eventually';
import type { StepOutcome } from './profile-editor.scenario';
import { runStep } from './run-step';

const DIR = 'traces';
const FILE = 'tracer.trace';

export async function runTraceEditorScenario(page: Page, workspace: string): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const source = join(__dirname, '..', '..', 'fixtures', 'traces', 'tracer-go1.26.trace');
  mkdirSync(join(workspace, DIR), { recursive: true });
  copyFileSync(source, join(workspace, DIR, FILE));
  const model = traceViewModel(readTrace(new Uint8Array(readFileSync(source)), source), FILE);

  await runStep(outcomes, page, 'trace-editor', 'Go Trace editor: summary, rows, a start function expanded, a run clicked', async () => {
    await openFromExplorer(page, `${DIR}/${FILE}`);
    const view = await activeWebview(page);
    const summary = view.locator('.trace-summary');
    await summary.waitFor({ timeout: 60_000 });
    assert.match((await summary.textContent()) ?? '', new RegExp(`^${FILE}: Go 1\\.26 trace, .* ${model.events} events, ${model.goroutines.length} goroutines, ${model.gcCycles} GC cycles, ${model.procs.length} Ps, ${model.threads.length} threads$`));
    const canvas = view.locator('canvas.trace-timeline');
    const box = await eventually('the timeline laid out', async () => {
      const b = await canvas.boundingBox();
      return b !== null && b.height > 0 ? b : undefined;
    }, 30_000);
    const rows = 3 + model.procs.length + model.threads.length;
    const first = model.groups[model.groupRows[0]!.id]!;
    // The first start function's label (after GC, STW, heap, Ps, threads and the threads' syscall rows).
    const syscallRows = new Set(Array.from({ length: model.syscalls.length / 5 }, (_, i) => model.syscalls[i * 5 + 3])).size;
    const before = box.height;
    await page.mouse.click(box.x + 20, box.y + (rows + syscallRows) * TIMELINE_ROW_HEIGHT + TIMELINE_ROW_HEIGHT / 2);
    await eventually(`${first.name}'s ${first.count} goroutine rows`, async () => {
      const b = await canvas.boundingBox();
      return b !== null && Math.round(b.height - before) === first.count * TIMELINE_ROW_HEIGHT ? true : undefined;
    }, 30_000);
    let best: TraceSlice | undefined;
    for (const i of model.procs[0]!.slices) {
      const s = sliceAt(model.slices, i);
      if (best === undefined || s.end - s.start > best.end - best.start) best = s;
    }
    assert.ok(best);
    const plot = box.width - 2 - TIMELINE_LABEL_WIDTH;
    await page.mouse.click(box.x + 1 + TIMELINE_LABEL_WIDTH + ((best.start + best.end) / 2 / model.durationNs) * plot, box.y + 3 * TIMELINE_ROW_HEIGHT + TIMELINE_ROW_HEIGHT / 2);
    const details = view.locator('.trace-details > p').first();
    await eventually(`G${best.goroutine}'s details`, async () => (((await details.textContent()) ?? '').startsWith(`G${best.goroutine} `) ? true : undefined), 30_000);
  });
  return outcomes;
}
