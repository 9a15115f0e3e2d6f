/**
 * The Go Trace editor's webview: a summary line, the timeline, the selected slice's details
 * (its goroutine, why it stopped, the stack with links to the source), goroutine analysis,
 * tasks and logs. Talks to the host only through the messages of src/shared/trace-view.
 */
import { type HostToTraceView, type TraceViewModel, type TraceViewToHost } from '../../src/shared/trace-view';
import { element } from '../dom';
import { annotations, formatNs, goroutineAnalysis } from './tables';
import { TraceTimeline, type SliceRef } from './timeline';

interface VsCodeApi {
  postMessage(message: TraceViewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const app = document.getElementById('app')!;

function details(model: TraceViewModel, timeline: TraceTimeline | undefined, ref: SliceRef | undefined): HTMLElement[] {
  const s = ref === undefined ? undefined : timeline?.sliceAt(ref);
  if (s === undefined) return [element('p', { text: 'Click a slice of a P or start-function row to see what ran there and why it stopped.' })];
  const row = model.goroutines.find((r) => r.id === s.goroutine);
  const frames = model.stacks[s.stack] ?? [];
  const stack = element(
    'ol',
    { className: 'trace-stack' },
    frames.map((f) => {
      const frame = model.frames[f]!;
      const link = element('button', { text: `${frame.func} ${frame.file}:${frame.line}`, className: 'link' });
      link.addEventListener('click', () => api.postMessage({ kind: 'openSource', frame: f }));
      return element('li', {}, [link]);
    }),
  );
  return [
    element('p', {
      text: `G${s.goroutine} ${row?.name ?? ''} ran on P${s.proc} for ${formatNs(s.end - s.start)} (from ${formatNs(s.start)}), then: ${model.reasons[s.reason] ?? ''}`,
    }),
    frames.length > 0 ? stack : element('p', { text: 'No stack recorded for this stop.' }),
  ];
}

function show(model: TraceViewModel): void {
  const summary = element('p', {
    className: 'trace-summary',
    text: `${model.fileName}: Go 1.${model.version} trace, ${formatNs(model.durationNs)}, ${model.events} events, ${model.goroutines.length} goroutines, ${model.gcCycles} GC cycles, ${model.procs.length} Ps`,
  });
  const timelineHost = element('div', { className: 'trace-timeline-host' });
  const detail = element('div', { className: 'trace-details', attrs: { 'aria-live': 'polite' } });
  app.replaceChildren(summary, timelineHost, detail, goroutineAnalysis(model), annotations(model));
  detail.replaceChildren(...details(model, undefined, undefined));
  const timeline: TraceTimeline = new TraceTimeline(timelineHost, model, (ref) => detail.replaceChildren(...details(model, timeline, ref)));
  // For tests and the benchmark: the timeline as drawn.
  (window as unknown as { traceTimeline: TraceTimeline }).traceTimeline = timeline;
}

window.addEventListener('message', (event: MessageEvent<HostToTraceView>) => {
  const message = event.data;
  if (message.kind === 'trace') show(message.model);
  else if (message.kind === 'error') app.replaceChildren(element('p', { className: 'trace-error', text: message.message }));
});
app.replaceChildren(element('p', { text: 'Reading the trace…' }));
api.postMessage({ kind: 'ready' });
