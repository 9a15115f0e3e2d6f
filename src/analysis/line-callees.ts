/**
 * The calls made on each source line of a function (pprof's weblist shows them under the
 * line): for every stack at lines granularity, the frame just inside each frame of the
 * function is the call that line made. Each sample counts once per line and callee, as cum.
 */
import type { Stacks } from './stacks';
import { trimSourcePath } from './source-listing';

/** Key of a line: the file as `sourceListing` names it, and the line number. */
export function lineKey(file: string, line: number): string {
  return `${file}\u0000${line}`;
}

/** lineKey -> callee function name -> cum, for the frames of `functionName`. */
export function lineCallees(stacks: Stacks, functionName: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const { frames, stackStart, stackFrames, values } = stacks;
  const keyOf = frames.map((f) => (f.functionName === functionName && f.file !== '' ? lineKey(trimSourcePath(f.file, ''), f.line) : undefined));
  for (let s = 0; s < stacks.count; s++) {
    const v = values[s]!;
    const seen = new Set<string>();
    // Leaf first: the entry before a frame of the function is what it called.
    for (let i = stackStart[s]! + 1; i < stackStart[s + 1]!; i++) {
      const key = keyOf[stackFrames[i]!];
      if (key === undefined) continue;
      const callee = frames[stackFrames[i - 1]!]!.functionName;
      const once = `${key}\u0000${callee}`;
      if (seen.has(once)) continue;
      seen.add(once);
      let calls = out.get(key);
      if (!calls) out.set(key, (calls = new Map()));
      calls.set(callee, (calls.get(callee) ?? 0) + v);
    }
  }
  return out;
}
