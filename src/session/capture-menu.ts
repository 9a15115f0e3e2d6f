/** The capture actions each session offers, with their labels. Pure. */
import type { CaptureKind } from '../capture/capture-kinds';

export type SessionSource = 'agent' | 'attach';

export interface CaptureAction {
  readonly kind: CaptureKind;
  readonly label: string;
  /** Records over a window (block, mutex; cpu for attach). */
  readonly timed: boolean;
}

const LABELS: Readonly<Record<CaptureKind, string>> = {
  cpu: 'CPU',
  heap: 'Heap',
  'heap-nogc': 'Heap (no GC)',
  allocs: 'Allocs',
  goroutine: 'Goroutines',
  block: 'Block',
  mutex: 'Mutex',
  threadcreate: 'Threadcreate',
  trace: 'Execution Trace',
};

export function captureLabel(kind: CaptureKind): string {
  return LABELS[kind];
}

/** Agent sessions record CPU with start/stop (listed separately); attach records CPU for N seconds. */
export function captureActions(source: SessionSource): CaptureAction[] {
  const kinds: CaptureKind[] = ['heap', 'heap-nogc', 'allocs', 'goroutine', 'block', 'mutex', 'threadcreate', 'trace'];
  const actions = kinds.map((kind) => ({ kind, label: LABELS[kind], timed: kind === 'block' || kind === 'mutex' || kind === 'trace' }));
  return source === 'attach' ? [{ kind: 'cpu', label: 'CPU', timed: true }, ...actions] : actions;
}
