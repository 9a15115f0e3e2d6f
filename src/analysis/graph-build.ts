/**
 * The weighted call graph pprof builds for its text, tree, peek and dot reports: one node per
 * pprof node identity (printable name, and binary for nameless frames); every sample adds its value once to the cum of each distinct node on its
 * stack and once to each distinct caller->callee edge; the leaf gets the flat. With a kept set,
 * frames outside it are skipped and the edge that jumps over them is marked residual.
 */
import type { Profile } from '../pprof/profile';
import type { Frame, Stacks } from './stacks';
import { formatValue } from '../shared/units';
import { DIFF_BASE_LABEL_KEY } from './total';
import { EdgeIndex } from './edge-index';

export interface NodeTable {
  readonly count: number;
  readonly names: readonly string[];
  /** A representative frame of each node: the first frame with its name. */
  readonly frame: Int32Array;
  readonly nodeOfFrame: Int32Array;
  readonly frames: readonly Frame[];
}

export function nodeTableOf(stacks: Stacks): NodeTable {
  const byIdentity = new Map<string, number>();
  const names: string[] = [];
  const frame: number[] = [];
  const nodeOfFrame = new Int32Array(stacks.frames.length);
  stacks.frames.forEach((f, i) => {
    let n = byIdentity.get(f.identity);
    if (n === undefined) {
      n = names.length;
      byIdentity.set(f.identity, n);
      names.push(f.name);
      frame.push(i);
    }
    nodeOfFrame[i] = n;
  });
  return { count: names.length, names, frame: Int32Array.from(frame), nodeOfFrame, frames: stacks.frames };
}

/** Label tags of a node (pprof's nodelets), only what node selection needs. */
export interface TagWeight {
  flat: number;
  cum: number;
}

export interface RawGraph {
  readonly nodes: NodeTable;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  readonly edgeSrc: number[];
  readonly edgeDst: number[];
  readonly edgeWeight: number[];
  readonly edgeResidual: boolean[];
  readonly edgeInline: boolean[];
  /** False once an edge has been trimmed. */
  readonly edgeAlive: boolean[];
  readonly inEdges: number[][];
  readonly outEdges: number[][];
  /** Nodes with a non-zero flat or cum (pprof drops the others), in node order. */
  readonly present: number[];
  /** flat, cum and edge weights exactly, when built with the stacks' exact values. */
  readonly exact?: ExactGraphValues;
}

export interface ExactGraphValues {
  readonly flat: bigint[];
  readonly cum: bigint[];
  /** Parallel to edgeWeight. */
  readonly edgeWeight: bigint[];
}

/**
 * Builds the graph of the stacks, with only the nodes in `kept` when it is given. With
 * `exactValues` (Stacks.exactValues), the values are also added up exactly.
 */
export function buildRawGraph(stacks: Stacks, nodes: NodeTable, kept: Uint8Array | undefined, exactValues?: readonly bigint[]): RawGraph {
  const N = nodes.count;
  const flat = new Float64Array(N);
  const cum = new Float64Array(N);
  const nodeStamp = new Int32Array(N).fill(-1);
  const edgeIndex = new EdgeIndex(N * 2);
  const edgeSrc: number[] = [];
  const edgeDst: number[] = [];
  const edgeWeight: number[] = [];
  const edgeResidual: boolean[] = [];
  const edgeInline: boolean[] = [];
  const edgeStamp: number[] = [];
  const { stackStart, stackFrames, stackInlined, values } = stacks;
  const { nodeOfFrame } = nodes;
  const exact: ExactGraphValues | undefined = exactValues && { flat: new Array<bigint>(N).fill(0n), cum: new Array<bigint>(N).fill(0n), edgeWeight: [] };

  for (let s = 0; s < stacks.count; s++) {
    const w = values[s]!;
    if (w === 0) continue;
    const ew = exactValues?.[s] ?? 0n;
    let parent = -1;
    let residual = false;
    for (let i = stackStart[s + 1]! - 1; i >= stackStart[s]!; i--) {
      const f = stackFrames[i]!;
      const n = nodeOfFrame[f]!;
      if (kept !== undefined && kept[n] === 0) {
        residual = true;
        continue;
      }
      if (nodeStamp[n] !== s) {
        nodeStamp[n] = s;
        cum[n]! += w;
        if (exact) exact.cum[n]! += ew;
      }
      if (parent >= 0 && n !== parent) {
        const inline = stackInlined[i] === 1;
        const e = edgeIndex.get(parent, n);
        if (e < 0) {
          edgeIndex.set(parent, n, edgeSrc.length);
          edgeSrc.push(parent);
          edgeDst.push(n);
          edgeWeight.push(w);
          exact?.edgeWeight.push(ew);
          edgeResidual.push(residual);
          edgeInline.push(inline);
          edgeStamp.push(s);
        } else if (edgeStamp[e] !== s) {
          edgeStamp[e] = s;
          edgeWeight[e]! += w;
          if (exact) exact.edgeWeight[e]! += ew;
          if (residual) edgeResidual[e] = true;
          if (!inline) edgeInline[e] = false;
        }
      }
      parent = n;
      residual = false;
    }
    if (parent >= 0 && !residual) {
      flat[parent]! += w;
      if (exact) exact.flat[parent]! += ew;
    }
  }

  const inEdges: number[][] = Array.from({ length: N }, () => []);
  const outEdges: number[][] = Array.from({ length: N }, () => []);
  for (let e = 0; e < edgeSrc.length; e++) {
    outEdges[edgeSrc[e]!]!.push(e);
    inEdges[edgeDst[e]!]!.push(e);
  }
  const present: number[] = [];
  for (let n = 0; n < N; n++) if (flat[n] !== 0 || cum[n] !== 0) present.push(n);
  return {
    nodes,
    flat,
    cum,
    edgeSrc,
    edgeDst,
    edgeWeight,
    edgeResidual,
    edgeInline,
    edgeAlive: edgeSrc.map(() => true),
    inEdges,
    outEdges,
    present,
    ...(exact ? { exact } : {}),
  };
}

/**
 * The label tags (pprof's nodelets) of the `candidates` nodes, as a graph with only the `kept`
 * nodes would give them: cum once per sample on each kept node, flat on the last kept frame
 * when no dropped frame follows it. `samples` must hold one stack per sample (not merged).
 */
export function candidateTags(
  profile: Profile,
  samples: Stacks,
  nodes: NodeTable,
  kept: Uint8Array | undefined,
  candidates: readonly number[],
): Map<number, Map<string, TagWeight>> {
  const tags = new Map<number, Map<string, TagWeight>>(candidates.map((n) => [n, new Map()]));
  const nodeOf = nodeIndexByIdentity(nodes, samples.frames);
  const keysOf = tagKeysOf(profile);
  const seen = new Int32Array(nodes.count).fill(-1);
  for (let s = 0; s < samples.count; s++) {
    const w = samples.values[s]!;
    if (w === 0) continue;
    let keys: readonly string[] | undefined;
    let last = -1;
    let residual = false;
    for (let i = samples.stackStart[s + 1]! - 1; i >= samples.stackStart[s]!; i--) {
      const n = nodeOf[samples.stackFrames[i]!]!;
      if (n < 0 || (kept !== undefined && kept[n] === 0)) {
        residual = true;
        continue;
      }
      last = n;
      residual = false;
      const t = tags.get(n);
      if (t === undefined || seen[n] === s) continue;
      seen[n] = s;
      keys ??= keysOf(samples.sampleIndexes[s]!);
      addTags(t, keys, w, false);
    }
    const t = last >= 0 && !residual ? tags.get(last) : undefined;
    if (t) addTags(t, (keys ??= keysOf(samples.sampleIndexes[s]!)), w, true);
  }
  return tags;
}

/** For each frame of `frames`, the node with the same identity in `nodes` (-1 if none). */
function nodeIndexByIdentity(nodes: NodeTable, frames: readonly Frame[]): Int32Array {
  const byIdentity = new Map<string, number>();
  for (let n = 0; n < nodes.count; n++) byIdentity.set(nodes.frames[nodes.frame[n]!]!.identity, n);
  return Int32Array.from(frames, (f) => byIdentity.get(f.identity) ?? -1);
}

function addTags(tags: Map<string, TagWeight>, keys: readonly string[], w: number, isFlat: boolean): void {
  for (const key of keys) {
    let t = tags.get(key);
    if (!t) {
      t = { flat: 0, cum: 0 };
      tags.set(key, t);
    }
    if (isFlat) t.flat += w;
    else t.cum += w;
  }
}

/**
 * The tag keys pprof attaches to a sample's nodes: its string labels joined into one key, and
 * one per value of the numeric label "bytes" (the only numeric label pprof's graphs keep),
 * formatted, so that values that print alike share a tag as they do in pprof.
 */
export function tagKeysOf(profile: Profile): (sample: number) => string[] {
  const { labelStart, labelKey, labelStr, labelNum, labelNumUnit } = profile.samples;
  const strings = profile.strings;
  const formatted = new Map<string, string>();
  return (sample) => {
    const labels: string[] = [];
    const bytes: string[] = [];
    for (let i = labelStart[sample]!; i < labelStart[sample + 1]!; i++) {
      const key = strings[labelKey[i]!] ?? '';
      // pprof removes the -diff_base marker label before building graphs.
      if (key === DIFF_BASE_LABEL_KEY) continue;
      if (labelStr[i]! > 0) {
        labels.push(`${key}:${strings[labelStr[i]!] ?? ''}`);
      } else if (key === 'bytes') {
        const unit = strings[labelNumUnit[i]!] || 'bytes';
        const memo = `${labelNum[i]!} ${unit}`;
        let text = formatted.get(memo);
        if (text === undefined) formatted.set(memo, (text = formatValue(labelNum[i]!, unit)));
        bytes.push(text);
      }
    }
    labels.sort();
    const joined = labels.join('\\n');
    const keys = bytes.map((b) => `n${joined}\u0000${b}`);
    if (joined !== '') keys.push(`l${joined}`);
    return keys;
  };
}
