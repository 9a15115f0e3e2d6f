/**
 * The selected slice's details: which goroutine ran where and for how long, why it stopped
 * (with the stack), and what made it runnable before: the goroutine that unblocked or created
 * it, on which P, with that goroutine's stack at that moment, and why it had been waiting.
 * Every string from the trace goes in as text.
 */
import { READY_CREATED, READY_KINDS, READY_UNBLOCKED, sliceAt, type TraceViewModel } from '../../src/shared/trace-view';
import { element } from '../dom';
import { formatNs } from './tables';

export type OpenFrame = (frame: number) => void;

function stackList(model: TraceViewModel, stack: number, className: string, open: OpenFrame): HTMLElement {
  const frames = model.stacks[stack] ?? [];
  if (frames.length === 0) return element('p', { text: 'No stack recorded.' });
  return element(
    'ol',
    { className },
    frames.map((f) => {
      const frame = model.frames[f]!;
      const link = element('button', { text: `${frame.func} ${frame.file}:${frame.line}`, className: 'link' });
      link.addEventListener('click', () => open(f));
      return element('li', {}, [link]);
    }),
  );
}

const nameOf = (model: TraceViewModel, g: number): string => model.goroutines.find((r) => r.id === g)?.name ?? '';

function cause(model: TraceViewModel, slice: number, open: OpenFrame): HTMLElement[] {
  const s = sliceAt(model.slices, slice);
  if (s.ready < 0) return [element('p', { className: 'trace-cause', text: 'What made it runnable is not in the trace (it was running or in a syscall before).' })];
  const waited = s.waitReason > 0 ? ` after waiting (${model.reasons[s.waitReason] ?? ''})` : '';
  const head = `Runnable at ${formatNs(s.ready)}${waited}, waited ${formatNs(s.start - s.ready)} for a P: ${READY_KINDS[s.readyKind] ?? ''}`;
  if (s.unblocker < 0 || (s.readyKind !== READY_UNBLOCKED && s.readyKind !== READY_CREATED)) {
    const by = s.readyKind === READY_UNBLOCKED ? ' by the runtime (no goroutine: the scheduler, the network poller or a timer)' : '';
    return [element('p', { className: 'trace-cause', text: `${head}${by}.` })];
  }
  const where = s.unblockerProc >= 0 ? ` on P${s.unblockerProc}` : '';
  return [element('p', { className: 'trace-cause', text: `${head} by G${s.unblocker} ${nameOf(model, s.unblocker)}${where}, at:` }), stackList(model, s.unblockStack, 'trace-stack trace-unblock-stack', open)];
}

export function sliceDetails(model: TraceViewModel, slice: number | undefined, open: OpenFrame): HTMLElement[] {
  if (slice === undefined) return [element('p', { text: 'Click a slice of a P, thread or goroutine row to see what ran there, why it stopped and what made it runnable.' })];
  const s = sliceAt(model.slices, slice);
  return [
    element('p', {
      text: `G${s.goroutine} ${nameOf(model, s.goroutine)} ran on P${s.proc} (M${s.thread}) for ${formatNs(s.end - s.start)} (from ${formatNs(s.start)}), then: ${model.reasons[s.reason] ?? ''}`,
    }),
    stackList(model, s.stack, 'trace-stack', open),
    ...cause(model, slice, open),
  ];
}
