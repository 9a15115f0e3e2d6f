/** Builds the flame graph's model in Node with the project's decoder and flame tree. */
import { readProfileFile } from '../../src/pprof/read-file-node';
import { buildFlameTree } from '../../src/analysis/flame';
import type { FlameTree } from '../../src/analysis/flame';
import type { ReportOptions } from '../../src/analysis/options';
import type { FlameTreeData } from '../../webview/flame/model';
import type { WireModel } from './page-api';

export interface NodeModel {
  readonly tree: FlameTree;
  readonly unit: string;
  readonly wire: WireModel;
}

function base64(array: Int32Array | Float64Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

export async function flameModelOf(path: string, options: ReportOptions = {}): Promise<NodeModel> {
  const profile = await readProfileFile(path);
  const tree = buildFlameTree(profile, options);
  // The component takes src/analysis/flame.ts's tree as it is: this fails to compile if they drift.
  const data: FlameTreeData = tree;
  const unit = profile.sampleTypes[profile.defaultSampleTypeIndex]?.unit ?? 'count';
  const wire: WireModel = {
    unit,
    frames: data.frames.map((f) => ({ name: f.name, file: f.file, line: f.line, startLine: f.startLine })),
    parent: base64(tree.parent),
    frame: base64(tree.frame),
    value: base64(tree.value),
    self: base64(tree.self),
  };
  return { tree, unit, wire };
}

/** Children of the root, widest first, as [name, value]. */
export function topLevelFrames(model: NodeModel): { name: string; value: number; node: number }[] {
  const { tree } = model;
  const out: { name: string; value: number; node: number }[] = [];
  for (let i = 0; i < tree.childCount[0]!; i++) {
    const node = tree.firstChild[0]! + i;
    out.push({ name: tree.frames[tree.frame[node]!]!.name, value: tree.value[node]!, node });
  }
  return out.sort((a, b) => b.value - a.value);
}
