/**
 * The Go Trace editor's webview: a summary line, the timeline, the selected slice's details
 * (its goroutine, why it stopped, the stack with links to the source), goroutine analysis,
 * tasks and logs. Talks to the host only through the messages of src/shared/trace-view.
 */
import { SLICE_FIELDS, type HostToTraceView, type TraceViewModel, type TraceViewToHost } from '../../src/shared/trace-view';
import { element } from '../dom';
import { annotations, formatNs, goroutineAnalysis } from './tables';
import { TraceTimeline, type SliceRef } from './timeline';

interface VsCodeApi {
  postMessage(message: TraceViewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const app = document.getElementById('app')!;

function details(model: TraceViewModel, ref: SliceRef | undefined): HTMLElement[] {
  if (ref === undefined) return [element('p', { text: 'Click a slice of a P row to see what ran there and why it stopped.' })];
  const s = model.procs[ref.row]!.slices;
  const at = ref.slice * SLICE_FIELDS;
  const g = s[at + 2]!;
  const row = model.goroutines.find((r) => r.id === g);
  const frames = model.stacks[s[at + 3]!] ?? [];
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
      text: `G${g} ${row?.name ?? ''} ran on P${model.procs[ref.row]!.proc} for ${formatNs(s[at + 1]! - s[at]!)} (from ${formatNs(s[at]!)}), then: ${model.reasons[s[at + 4]!] ?? ''}`,
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
  detail.replaceChildren(...details(model, undefined));
  const timeline = new TraceTimeline(timelineHost, model, (ref) => detail.replaceChildren(...details(model, ref)));
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
