/**
 * What a fuzz worker publishes in shared memory after every input, so the main thread can
 * report progress and notice a hang or a death without waiting for a message.
 */
import type { Tally } from './harness';

const SLOTS = ['current', 'startedAt', 'tried', 'decoded', 'profileErrors', 'crashes', 'maxMs', 'maxAnalysisMs', 'maxHeapBytes'] as const;
type Slot = (typeof SLOTS)[number];

export class SharedState {
  readonly view: Float64Array;
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(SLOTS.length * 8)) {
    this.view = new Float64Array(buffer);
    if (this.view.length !== SLOTS.length) throw new Error('shared state: wrong buffer size');
  }
  get(slot: Slot): number {
    return this.view[SLOTS.indexOf(slot)]!;
  }
  set(slot: Slot, value: number): void {
    this.view[SLOTS.indexOf(slot)] = value;
  }
  begin(index: number): void {
    this.set('current', index);
    this.set('startedAt', Date.now());
  }
  /** Between inputs: startedAt is 0. */
  idle(): void {
    this.set('startedAt', 0);
  }
  publish(t: Tally): void {
    this.set('tried', t.tried);
    this.set('decoded', t.decoded);
    this.set('profileErrors', t.profileErrors);
    this.set('crashes', t.crashes);
    this.set('maxMs', t.maxMs);
    this.set('maxAnalysisMs', t.maxAnalysisMs);
    this.set('maxHeapBytes', t.maxHeapBytes);
  }
}
