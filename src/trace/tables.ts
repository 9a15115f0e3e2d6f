/**
 * One string table and one stack table for the whole trace: each generation's IDs are
 * mapped onto them (the same stack in two generations is one stack, keyed by its PCs, as
 * go tool trace's profiles merge them).
 */
import { FormatProblem } from './errors';
import type { Generation } from './generation';
import type { TraceFrame } from './trace';

export class TraceTables {
  readonly strings: string[] = [''];
  readonly frames: TraceFrame[] = [];
  readonly stacks: number[][] = [[]];
  private readonly stringIndex = new Map<string, number>([['', 0]]);
  private readonly frameIndex = new Map<number, number>();
  private readonly stackIndex = new Map<string, number>([['', 0]]);
  private genStrings = new Map<number, number>();
  private genStacks = new Map<number, number>();
  private gen: Generation | undefined;

  /** Starts mapping the IDs of generation `g`. */
  begin(g: Generation): void {
    this.gen = g;
    this.genStrings = new Map();
    this.genStacks = new Map();
  }

  string(id: number): number {
    if (id === 0) return 0;
    const known = this.genStrings.get(id);
    if (known !== undefined) return known;
    const text = this.gen!.strings.get(id);
    if (text === undefined) throw new FormatProblem(`unknown string ${id} in generation ${this.gen!.gen}`);
    const index = this.intern(text);
    this.genStrings.set(id, index);
    return index;
  }

  stack(id: number): number {
    if (id === 0) return 0;
    const known = this.genStacks.get(id);
    if (known !== undefined) return known;
    const g = this.gen!;
    const pcs = g.stacks.get(id);
    if (pcs === undefined) throw new FormatProblem(`unknown stack ${id} in generation ${g.gen}`);
    const key = pcs.join(',');
    let index = this.stackIndex.get(key);
    if (index === undefined) {
      index = this.stacks.length;
      this.stacks.push(pcs.map((pc) => this.frame(pc)));
      this.stackIndex.set(key, index);
    }
    this.genStacks.set(id, index);
    return index;
  }

  private frame(pc: number): number {
    const known = this.frameIndex.get(pc);
    if (known !== undefined) return known;
    const g = this.gen!;
    const info = g.frames.get(pc)!;
    // String ID 0 is the empty string (frames the runtime cannot name, e.g. at pc 0).
    const func = info.funcId === 0 ? '' : g.strings.get(info.funcId);
    const file = info.fileId === 0 ? '' : g.strings.get(info.fileId);
    if (func === undefined || file === undefined) throw new FormatProblem(`stack frame at pc 0x${pc.toString(16)} names an unknown string in generation ${g.gen}`);
    const index = this.frames.length;
    this.frames.push({ pc, func, file, line: info.line });
    this.frameIndex.set(pc, index);
    return index;
  }

  private intern(text: string): number {
    let index = this.stringIndex.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.stringIndex.set(text, index);
    }
    return index;
  }
}
