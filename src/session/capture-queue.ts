/**
 * Clicks are never dropped: a capture of a kind that is already in flight in the session waits
 * its turn (its row says how many are queued) instead of being refused. Kinds run side by side.
 */
import type { RecordingKind, SessionRegistry, SessionState } from './session-registry';

const tails = new WeakMap<SessionState, Map<RecordingKind, Promise<unknown>>>();

/** Runs `task` after the earlier captures of `kind` in this session, keeping the row's busy state and queue count. */
export function queueCapture<T>(registry: SessionRegistry, state: SessionState, kind: RecordingKind, task: () => Promise<T>): Promise<T> {
  const id = state.session.id;
  const row = kind === 'cpu' && state.session.cpuControl ? 'cpu' : kind;
  const byKind = tails.get(state) ?? new Map<RecordingKind, Promise<unknown>>();
  tails.set(state, byKind);
  const before = byKind.get(kind);
  if (before) {
    state.queued.set(kind, (state.queued.get(kind) ?? 0) + 1);
  } else {
    state.busy.add(kind);
  }
  registry.touch(id, row);
  const run = async (): Promise<T> => {
    if (before) {
      await before.catch(() => undefined);
      const left = (state.queued.get(kind) ?? 1) - 1;
      if (left > 0) state.queued.set(kind, left);
      else state.queued.delete(kind);
      state.busy.add(kind);
      registry.touch(id, row);
    }
    return task();
  };
  const mine = run().finally(() => {
    if (byKind.get(kind) !== mine) return; // a later click of this kind is queued behind: it stays busy
    byKind.delete(kind);
    state.busy.delete(kind);
    registry.touch(id, row);
  });
  byKind.set(kind, mine);
  return mine;
}
