/** The running sessions and what each is recording; the views listen to its changes. */
import * as vscode from 'vscode';
import type { CaptureKind } from '../capture/capture-kinds';
import type { ProfilingSession } from './profiling-session';

/** What a session's rows record: a capture kind, a snapshot of the flight recorder, or Start/Stop Trace. */
export type RecordingKind = CaptureKind | 'flight-snapshot' | 'trace-recording';

export interface SessionState {
  readonly session: ProfilingSession;
  /** When CPU recording started (agent start/stop). */
  cpuStartedAt?: Date;
  /** When the open-ended execution trace (Start Trace) started. */
  traceStartedAt?: Date;
  /** Kinds with a capture in flight. */
  readonly busy: Set<RecordingKind>;
  /** Captures clicked while one of the same kind was in flight, waiting their turn, by kind. */
  readonly queued: Map<RecordingKind, number>;
}

/**
 * What changed in one session: its own row (CPU recording started or stopped, which also
 * swaps its Start/Stop CPU row), the CPU row (elapsed time, saving), or one capture kind's
 * (or the flight recorder snapshot's) row.
 */
export interface SessionChange {
  readonly sessionId: string;
  readonly row: 'session' | 'cpu' | RecordingKind;
}

export class SessionRegistry implements vscode.Disposable {
  private readonly states = new Map<string, SessionState>();
  /** Fires `undefined` when sessions come or go, else what changed in one session. */
  private readonly changed = new vscode.EventEmitter<SessionChange | undefined>();
  readonly onDidChange = this.changed.event;

  add(session: ProfilingSession): SessionState {
    const state: SessionState = { session, busy: new Set(), queued: new Map() };
    this.states.set(session.id, state);
    void session.ended.finally(() => this.remove(session.id));
    this.changed.fire(undefined);
    return state;
  }

  get(id: string): SessionState | undefined {
    return this.states.get(id);
  }

  all(): SessionState[] {
    return [...this.states.values()];
  }

  remove(id: string): void {
    if (this.states.delete(id)) this.changed.fire(undefined);
  }

  /** Tell listeners that one row of a session changed (a capture or recording started/stopped). */
  touch(sessionId: string, row: SessionChange['row']): void {
    if (this.states.has(sessionId)) this.changed.fire({ sessionId, row });
  }

  /** Stops every session; resolves when all process trees are gone. */
  async stopAll(): Promise<void> {
    await Promise.allSettled(this.all().map((s) => s.session.stop()));
  }

  dispose(): void {
    void this.stopAll();
    this.changed.dispose();
  }
}
