/**
 * Folded-stack export ("root;caller;leaf value" per line), the input format of
 * flamegraph.pl, speedscope and inferno. Identical stacks are merged; lines come in name order.
 */
import type { Profile } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks, type Stacks } from './stacks';
import { buildStackTrie } from './stack-trie';

export function foldedFromStacks(stacks: Stacks): string[] {
  const trie = buildStackTrie(stacks, { direction: 'root-first' });
  const lines: string[] = [];
  const frameNames = trie.frames.map((f) => foldedName(f.name));
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

/** A ';' inside a name would split the frame; newlines would split the line. */
function foldedName(name: string): string {
  return name.replace(/;/g, ':').replace(/[\r\n]/g, ' ');
}
