/**
 * Folded-stack export ("root;caller;leaf value" per line), the input format of
 * flamegraph.pl, speedscope and inferno. Identical stacks are merged; lines come in name order.
 */
import type { Profile } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks, type Stacks } from './stacks';
import { printable } from './printable';
import { buildStackTrie } from './stack-trie';

/** Lines "root;caller;leaf value"; `frameName` writes a frame's name (default foldedName, for text). */
export function foldedFromStacks(stacks: Stacks, frameName: (name: string) => string = foldedName): string[] {
  const trie = buildStackTrie(stacks, { direction: 'root-first' });
  const lines: string[] = [];
  const frameNames = trie.frames.map((f) => frameName(f.name));
  const names: string[] = [];
  // Depth-first walk with an explicit stack; `names` holds the path to the current node.
  const todo: number[] = [];
  for (let c = trie.firstChild[0]! + trie.childCount[0]! - 1; c >= trie.firstChild[0]!; c--) todo.push(c);
  while (todo.length > 0) {
    const n = todo.pop()!;
    const depth = trie.depth[n]!;
    names.length = depth - 1;
    names.push(frameNames[trie.frame[n]!]!);
    const self = trie.self[n]!;
    if (self !== 0) lines.push(`${names.join(';')} ${self}`);
    const first = trie.firstChild[n]!;
    for (let c = first + trie.childCount[n]! - 1; c >= first; c--) todo.push(c);
  }
  return lines;
}

export function buildFolded(profile: Profile, options: ReportOptions = {}): string[] {
  return foldedFromStacks(buildStacks(profile, options));
}

/** A ';' inside a name would split the frame; newlines would split the line; other control characters are escaped (printable). */
export function foldedName(name: string): string {
  return printable(name.replace(/;/g, ':').replace(/[\r\n]/g, ' '));
}

/** A name for folded stacks in JSON, which escapes control characters itself: only ';', which separates frames, is replaced. */
export function foldedJsonName(name: string): string {
  return name.replace(/;/g, ':');
}
