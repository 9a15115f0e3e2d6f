import type { NodeTable, RawGraph } from './graph-build';
import { compareBytes as compareStrings } from './top';

/** The orders pprof sorts graph nodes in: by flat, by cum, or by entropy (the visual graph). */
export type NodeOrder = 'flat' | 'cum' | 'entropy';

export function sortNodes(g: RawGraph, nodes: readonly number[], order: NodeOrder): number[] {
  const rank = nameRanks(g.nodes);
  if (order === 'flat') {
    return [...nodes].sort(
      (a, b) =>
        Math.abs(g.flat[b]!) - Math.abs(g.flat[a]!) ||
        rank[a]! - rank[b]! ||
        Math.abs(g.cum[b]!) - Math.abs(g.cum[a]!) ||
        compareIdentity(g, a, b),
    );
  }
  // pprof compares |score| as int64; the entropy score can wrap (see entropyScore).
  const score: bigint[] = [];
  for (const n of nodes) score[n] = abs64(order === 'entropy' ? entropyScore(g, n) : BigInt(g.cum[n]!));
  return [...nodes].sort((a, b) => {
    const sa = score[a]!;
    const sb = score[b]!;
    if (sa !== sb) return sa > sb ? -1 : 1;
    return rank[a]! - rank[b]! || Math.abs(g.flat[b]!) - Math.abs(g.flat[a]!) || compareIdentity(g, a, b);
  });
}

const ranksOf = new WeakMap<NodeTable, Int32Array>();

/**
 * Per node, the rank of its name in Go's string order (equal names, equal ranks), made once per
 * node table: sorting a big graph's nodes and edges then compares integers, not names.
 */
export function nameRanks(nodes: NodeTable): Int32Array {
  let rank = ranksOf.get(nodes);
  if (rank !== undefined) return rank;
  const { names } = nodes;
  const byName = Array.from({ length: nodes.count }, (_, i) => i).sort((a, b) => compareStrings(names[a]!, names[b]!));
  rank = new Int32Array(nodes.count);
  let r = 0;
  for (let k = 0; k < byName.length; k++) {
    if (k > 0 && names[byName[k]!] !== names[byName[k - 1]!]) r++;
    rank[byName[k]!] = r;
  }
  ranksOf.set(nodes, rank);
  return rank;
}

function compareIdentity(g: RawGraph, a: number, b: number): number {
  const frames = g.nodes.frames;
  return compareStrings(frames[g.nodes.frame[a]!]!.identity, frames[g.nodes.frame[b]!]!.identity);
}

/**
 * pprof's entropy score: favours entry and leaf nodes and nodes whose edges spread weight.
 * Computed as Go does on amd64: with negative (diff) values the entropy can be NaN, which
 * converts to the minimum int64, and the int64 addition of the flat value then wraps.
 */
function entropyScore(g: RawGraph, n: number): bigint {
  let score = 0;
  const ins = g.inEdges[n]!.filter((e) => g.edgeAlive[e]);
  const outs = g.outEdges[n]!.filter((e) => g.edgeAlive[e]);
  score += ins.length === 0 ? 1 : edgeEntropy(g, ins, 0);
  score += outs.length === 0 ? 1 : edgeEntropy(g, outs, g.flat[n]!);
  return BigInt.asIntN(64, floatToInt64(score * g.cum[n]!) + BigInt(g.flat[n]!));
}

const INT64_MIN = -(2n ** 63n);

/** Go's int64(x) on amd64: NaN and out-of-range values become the minimum int64. */
function floatToInt64(x: number): bigint {
  return Number.isNaN(x) || Math.abs(x) >= 2 ** 63 ? INT64_MIN : BigInt(Math.trunc(x));
}

function abs64(x: bigint): bigint {
  return x < 0n ? BigInt.asIntN(64, -x) : x;
}

function edgeEntropy(g: RawGraph, edges: readonly number[], self: number): number {
  let total = self;
  for (const e of edges) if (g.edgeWeight[e]! > 0) total += g.edgeWeight[e]!;
  if (total === 0) return 0;
  let score = 0;
  for (const e of edges) score += entropyTerm(Math.abs(g.edgeWeight[e]!) / total);
  if (self > 0) score += entropyTerm(Math.abs(self) / total);
  return score;
}

/** -frac·log2(frac) as Go evaluates it: NaN for frac <= 0 (0·-Inf, log of a negative). */
function entropyTerm(frac: number): number {
  return -frac * Math.log2(frac);
}

/** Edge order of pprof's reports: |weight| descending, then source name, destination name. */
export function compareEdges(g: RawGraph, a: number, b: number): number {
  const d = Math.abs(g.edgeWeight[b]!) - Math.abs(g.edgeWeight[a]!);
  if (d !== 0) return d;
  const rank = nameRanks(g.nodes);
  return rank[g.edgeSrc[a]!]! - rank[g.edgeSrc[b]!]! || rank[g.edgeDst[a]!]! - rank[g.edgeDst[b]!]!;
}

export function liveEdges(g: RawGraph, edges: readonly number[]): number[] {
  return edges.filter((e) => g.edgeAlive[e]).sort((a, b) => compareEdges(g, a, b));
}
