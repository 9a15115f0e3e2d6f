/**
 * The Go Trace editor's webview: a summary line, the timeline, the selected slice's details
 * (details.ts: why it stopped, what made it runnable, stacks with links to the source), goroutine
 * analysis (a goroutine picked there shows its own timeline),
 * tasks and logs. Talks to the host only through the messages of src/shared/trace-view.
 */
import { type HostToTraceView, type TraceViewModel, type TraceViewToHost } from '../../src/shared/trace-view';
import { element } from '../dom';
import { annotations, formatNs, goroutineAnalysis } from './tables';
import { sliceDetails } from './details';
import { TraceTimeline } from './timeline';

interface VsCodeApi {
  postMessage(message: TraceViewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const app = document.getElementById('app')!;
let current: TraceTimeline | undefined;

function show(model: TraceViewModel): void {
  const summary = element('p', {
    className: 'trace-summary',
    text: `${model.fileName}: Go 1.${model.version} trace, ${formatNs(model.durationNs)}, ${model.events} events, ${model.goroutines.length} goroutines, ${model.gcCycles} GC cycles, ${model.procs.length} Ps, ${model.threads.length} threads`,
  });
  const timelineHost = element('div', { className: 'trace-timeline-host' });
  const detail = element('div', { className: 'trace-details', attrs: { 'aria-live': 'polite' } });
  const analysis = element('div');
  const annotationsHost = element('div');
  app.replaceChildren(summary, timelineHost, detail, analysis, annotationsHost);
  const open = (frame: number): void => api.postMessage({ kind: 'openSource', frame });
  detail.replaceChildren(...sliceDetails(model, undefined, open));
  const timeline = new TraceTimeline(
    timelineHost,
    model,
    (slice, shown) => detail.replaceChildren(...sliceDetails(shown, slice, open)),
    (request) => api.postMessage({ kind: 'window', request }),
  );
  current = timeline;
  // The tables in idle time after the next frame, each in its own task (the first frame stays short).
  later(() => current === timeline && analysis.replaceChildren(goroutineAnalysis(model, (g) => timeline.selectGoroutine(g))));
  later(() => current === timeline && annotationsHost.replaceWith(annotations(model)));
  // For tests and the benchmark: the timeline as drawn.
  (window as unknown as { traceTimeline: TraceTimeline }).traceTimeline = timeline;
}

/** Runs `work` when the page is idle after the next frame (a timeout where requestIdleCallback is missing). */
function later(work: () => void): void {
  requestAnimationFrame(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => work(), { timeout: 500 }) : setTimeout(work, 0)));
}

window.addEventListener('message', (event: MessageEvent<HostToTraceView>) => {
  const message = event.data;
  if (message.kind === 'trace') show(message.model);
  else if (message.kind === 'window') current?.applyWindow(message.window);
  else if (message.kind === 'error') app.replaceChildren(element('p', { className: 'trace-error', text: message.message }));
});
app.replaceChildren(element('p', { text: 'Reading the trace…' }));
api.postMessage({ kind: 'ready' });
