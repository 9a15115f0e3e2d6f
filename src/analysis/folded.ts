/**
 * Folded-stack export ("root;caller;leaf value" per line), the input format of
 * flamegraph.pl, speedscope and inferno. Identical stacks are merged; lines come in name order.
 */
import type { Profile } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks, type Stacks } from './stacks';
import { printable, type Controls } from './printable';
import { buildStackTrie } from './stack-trie';

/** Lines "root;caller;leaf value"; `frameName` writes a frame's name (default foldedName, for text). */
export function foldedFromStacks(stacks: Stacks, frameName: (name: string) => string = foldedName): string[] {
  const lines: string[] = [];
  walkFolded(stacks, frameName, (path, value) => lines.push(`${path.join(';')} ${value}`));
  return lines;
}

/** One folded stack: frame names root first, and its value (a bigint when exact values were needed). */
export interface FoldedStack {
  readonly stack: readonly string[];
  readonly value: number | bigint;
}

/** The folded stacks as rows, for JSON; `frameName` as for foldedFromStacks. */
export function foldedRows(stacks: Stacks, frameName: (name: string) => string): FoldedStack[] {
  const rows: FoldedStack[] = [];
  walkFolded(stacks, frameName, (path, value) => rows.push({ stack: [...path], value }));
  return rows;
}

/** Calls `emit` for each distinct root-first stack of names with a non-zero value, in name order. */
function walkFolded(stacks: Stacks, frameName: (name: string) => string, emit: (path: readonly string[], value: number | bigint) => void): void {
  const trie = buildStackTrie(stacks, { direction: 'root-first' });
  const frameNames = trie.frames.map((f) => frameName(f.name));
  const exact = stacks.exactValues && exactByNames(stacks, stacks.exactValues);
  const names: string[] = [];
  const keys: string[] = [];
  // Depth-first walk with an explicit stack; `names` holds the path to the current node.
  const todo: number[] = [];
  for (let c = trie.firstChild[0]! + trie.childCount[0]! - 1; c >= trie.firstChild[0]!; c--) todo.push(c);
  while (todo.length > 0) {
    const n = todo.pop()!;
    const depth = trie.depth[n]!;
    names.length = depth - 1;
    names.push(frameNames[trie.frame[n]!]!);
    if (exact) {
      keys.length = depth - 1;
      keys.push(trie.frames[trie.frame[n]!]!.name);
      const value = exact.get(keys.join('\u0000')) ?? 0n;
      if (value !== 0n) emit(names, value);
    } else {
      const self = trie.self[n]!;
      if (self !== 0) emit(names, self);
    }
    const first = trie.firstChild[n]!;
    for (let c = first + trie.childCount[n]! - 1; c >= first; c--) todo.push(c);
  }
}

/** Exact values summed per root-first sequence of frame names (what a folded line stands for). */
function exactByNames(stacks: Stacks, values: readonly bigint[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  const names: string[] = [];
  for (let s = 0; s < stacks.count; s++) {
    names.length = 0;
    for (let i = stacks.stackStart[s + 1]! - 1; i >= stacks.stackStart[s]!; i--) names.push(stacks.frames[stacks.stackFrames[i]!]!.name);
    const key = names.join('\u0000');
    sums.set(key, (sums.get(key) ?? 0n) + values[s]!);
  }
  return sums;
}

export function buildFolded(profile: Profile, options: ReportOptions = {}): string[] {
  return foldedFromStacks(buildStacks(profile, options));
}

/**
 * A ';' inside a name would split the frame; newlines would split the line; other control
 * characters are escaped, or with `controls` 'raw' (a pipe) written as they are (printable.ts).
 */
export function foldedName(name: string, controls: Controls = 'escape'): string {
  return printable(name.replace(/;/g, ':').replace(/[\r\n]/g, ' '), controls);
}

/** A name for folded stacks in JSON, which escapes control characters itself: only ';', which separates frames, is replaced. */
export function foldedJsonName(name: string): string {
  return name.replace(/;/g, ':');
}
