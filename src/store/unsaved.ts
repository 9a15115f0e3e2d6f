/**
 * Captures the profiles folder could not take, kept in memory until the user saves them
 * elsewhere or lets them go (or the window closes). No vscode import.
 */
import type { NewProfile } from './profile-store';

export interface UnsavedCapture {
  readonly id: number;
  readonly item: NewProfile;
  /** Who took it, e.g. the session's label. */
  readonly origin: string;
  /** Why the save failed, in words. */
  readonly reason: string;
  readonly keptAt: Date;
}

export class UnsavedCaptures {
  private readonly items = new Map<number, UnsavedCapture>();
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  keep(item: NewProfile, origin: string, reason: string, keptAt = new Date()): UnsavedCapture {
    const kept: UnsavedCapture = { id: this.nextId++, item, origin, reason, keptAt };
    this.items.set(kept.id, kept);
    this.changed();
    return kept;
  }

  /** Oldest first. */
  list(): UnsavedCapture[] {
    return [...this.items.values()];
  }

  get(id: number): UnsavedCapture | undefined {
    return this.items.get(id);
  }

  /** Lets the bytes go (saved elsewhere, or dismissed); false if it was not kept. */
  drop(id: number): boolean {
    const had = this.items.delete(id);
    if (had) this.changed();
    return had;
  }

  /** Bytes held in memory by all kept captures. */
  get bytes(): number {
    let total = 0;
    for (const c of this.items.values()) total += c.item.profile.byteLength + (c.item.text?.length ?? 0);
    return total;
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
