/** The view's own tables of only the stacks, frames and reasons (and region names) it refers to, indexed as the trace's. */
import type { Trace } from './trace';

export class ViewTables {
  readonly frames: { func: string; file: string; line: number }[] = [];
  readonly stacks: number[][] = [[]];
  readonly reasons: string[] = [''];
  private readonly frameIndex = new Map<number, number>();
  private readonly stackIndex = new Map<number, number>([[0, 0]]);
  private readonly reasonIndex = new Map<string, number>([['', 0]]);

  constructor(private readonly trace: Trace) {}

  frame(traceFrame: number): number {
    let i = this.frameIndex.get(traceFrame);
    if (i === undefined) {
      const f = this.trace.frames[traceFrame]!;
      i = this.frames.length;
      this.frames.push({ func: f.func, file: f.file, line: f.line });
      this.frameIndex.set(traceFrame, i);
    }
    return i;
  }

  stack(traceStack: number): number {
    let i = this.stackIndex.get(traceStack);
    if (i === undefined) {
      i = this.stacks.length;
      this.stacks.push(this.trace.stacks[traceStack]!.map((f) => this.frame(f)));
      this.stackIndex.set(traceStack, i);
    }
    return i;
  }

  reason(text: string): number {
    let i = this.reasonIndex.get(text);
    if (i === undefined) {
      i = this.reasons.length;
      this.reasons.push(text);
      this.reasonIndex.set(text, i);
    }
    return i;
  }
}
