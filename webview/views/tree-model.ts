/** Expansion state of a call tree and the list of rows it shows (depth-first, biggest first). */
import type { StackTreeView } from '../../src/shared/view-model';

export class TreeRows {
  readonly expanded = new Set<number>();
  /** The visible nodes in display order, and each one's depth. */
  rows: number[] = [];
  depths: number[] = [];

  constructor(readonly view: StackTreeView) {}

  /** Children of a node, biggest |cum| first (ties by name, as the trie orders them). */
  children(node: number): number[] {
    const first = this.view.firstChild[node]!;
    const out: number[] = [];
    for (let c = first; c < first + this.view.childCount[node]!; c++) out.push(c);
    return out.sort((a, b) => Math.abs(this.view.value[b]!) - Math.abs(this.view.value[a]!) || a - b);
  }

  hasChildren(node: number): boolean {
    return this.view.childCount[node]! > 0;
  }

  toggle(node: number): void {
    if (this.expanded.has(node)) this.expanded.delete(node);
    else if (this.hasChildren(node)) this.expanded.add(node);
    this.rebuild();
  }

  /** Expands the path of biggest children from `node` down to a leaf; returns the leaf. */
  expandHotPath(node: number): number {
    let at = node;
    for (;;) {
      const next = this.children(at)[0];
      if (next === undefined) break;
      this.expanded.add(at);
      at = next;
    }
    this.rebuild();
    return at;
  }

  rebuild(): void {
    const rows: number[] = [];
    const depths: number[] = [];
    const stack: [number, number][] = this.children(0).reverse().map((c) => [c, 0]);
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      rows.push(node);
      depths.push(depth);
      if (this.expanded.has(node)) {
        const kids = this.children(node);
        for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, depth + 1]);
      }
    }
    this.rows = rows;
    this.depths = depths;
  }

  name(node: number): string {
    return this.view.frames[this.view.frame[node]!]?.name ?? 'root';
  }
}
