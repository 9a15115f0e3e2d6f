/** The state the ordering (order.ts) keeps per goroutine, P and thread, and the wire goroutine statuses. */

/** Wire goroutine statuses. */
export const G_RUNNABLE = 1;
export const G_RUNNING = 2;
export const G_SYSCALL = 3;
export const G_WAITING = 4;

export interface Seq {
  gen: number;
  seq: number;
}
export interface GState extends Seq {
  status: number;
}
export interface PState extends Seq {
  status: number;
}
export interface MState {
  g: number;
  p: number;
}
export interface Ctx {
  m: number;
  p: number;
  g: number;
}

export const succeeds = (gen: number, seq: number, prev: Seq): boolean => gen === prev.gen && seq === prev.seq + 1;
