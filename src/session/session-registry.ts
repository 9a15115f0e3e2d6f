/** The running sessions and what each is recording; the views listen to its changes. */
import * as vscode from 'vscode';
import type { CaptureKind } from '../capture/capture-kinds';
import type { ProfilingSession } from './profiling-session';

export interface SessionState {
  readonly session: ProfilingSession;
  /** When CPU recording started (agent start/stop). */
  cpuStartedAt?: Date;
  /** Kinds with a capture in flight. */
  readonly busy: Set<CaptureKind>;
}

export class SessionRegistry implements vscode.Disposable {
  private readonly states = new Map<string, SessionState>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  add(session: ProfilingSession): SessionState {
    const state: SessionState = { session, busy: new Set() };
    this.states.set(session.id, state);
    void session.ended.finally(() => this.remove(session.id));
    this.changed.fire();
    return state;
  }

  get(id: string): SessionState | undefined {
    return this.states.get(id);
  }

  all(): SessionState[] {
    return [...this.states.values()];
  }

  remove(id: string): void {
    if (this.states.delete(id)) this.changed.fire();
  }

  /** Tell listeners that a state changed (recording started/stopped). */
  touch(): void {
    this.changed.fire();
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
