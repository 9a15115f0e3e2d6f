/**
 * Flame graph benchmark in real Chromium: data ready (the model message arrives in the page)
 * -> first paint, and the duration of every paint during animated zooms (median, p95).
 * Not a test: the numbers depend on the machine.
 *
 * Usage: node --import tsx scripts/bench/flame-bench.ts [--runs N] [profile.pb.gz ...]
 * (default: test/fixtures/profiles/large.cpu.pb.gz). `npm run bench` can call benchFlame().
 */
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleFlamePage, call } from '../../test/webview/flame-driver';
import { flameModelOf, topLevelFrames } from '../../test/webview/flame-model';
import type { NodeModel } from '../../test/webview/flame-model';
import { launchBrowser, repoRoot, serve } from '../../test/webview/harness';

export interface FlameBenchResult {
  readonly name: string;
  readonly gzBytes: number;
  readonly nodes: number;
  /** Medians over the runs, ms. */
  readonly firstPaintMs: number;
  readonly firstFrameMs: number;
  readonly postedToPaintMs: number;
  /** Layout + draw of each paint during zoom animations, ms. */
  readonly zoomMedianMs: number;
  readonly zoomP95Ms: number;
  readonly zoomFrames: number;
  /** Time between animation frames during the zooms (16.7 ms = 60 fps), median and p95. */
  readonly frameIntervalMedianMs: number;
  readonly frameIntervalP95Ms: number;
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;
}

/** Nodes worth zooming into: the widest frames of the first levels. */
function zoomTargets(model: NodeModel, count: number): number[] {
  const { tree } = model;
  const targets = topLevelFrames(model).map((f) => f.node);
  for (let i = 0; i < targets.length && targets.length < count; i++) {
    const node = targets[i]!;
    const children: number[] = [];
    for (let c = 0; c < tree.childCount[node]!; c++) children.push(tree.firstChild[node]! + c);
    children.sort((a, b) => tree.value[b]! - tree.value[a]!);
    targets.push(...children.slice(0, 2));
  }
  return targets.slice(0, count);
}

export async function benchFlame(profiles: readonly { name: string; path: string }[], runs = 5): Promise<FlameBenchResult[]> {
  const server = await serve(await bundleFlamePage());
  const browser = await launchBrowser();
  const results: FlameBenchResult[] = [];
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    for (const profile of profiles) {
      const model = await flameModelOf(profile.path);
      const loads: { firstPaintMs: number; firstFrameMs: number; postedToPaintMs: number }[] = [];
      for (let r = 0; r < runs; r++) loads.push(await call(page, 'load', model.wire, { animationMs: 160 }));
      const zoom = await call(page, 'benchZoom', zoomTargets(model, 8), 160);
      results.push({
        name: profile.name,
        gzBytes: statSync(profile.path).size,
        nodes: model.tree.count,
        firstPaintMs: quantile(loads.map((l) => l.firstPaintMs), 0.5),
        firstFrameMs: quantile(loads.map((l) => l.firstFrameMs), 0.5),
        postedToPaintMs: quantile(loads.map((l) => l.postedToPaintMs), 0.5),
        zoomMedianMs: quantile(zoom.frames, 0.5),
        zoomP95Ms: quantile(zoom.frames, 0.95),
        zoomFrames: zoom.frames.length,
        frameIntervalMedianMs: quantile(zoom.intervals, 0.5),
        frameIntervalP95Ms: quantile(zoom.intervals, 0.95),
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

/** One line per profile, for the command line and for `npm run bench`. */
export function formatFlameBench(results: readonly FlameBenchResult[]): string {
  const ms = (x: number): string => `${x.toFixed(1)} ms`;
  return results
    .map(
      (r) =>
        `${r.name} (${(r.gzBytes / 1e6).toFixed(2)} MB gz, ${r.nodes} nodes): ` +
        `first paint ${ms(r.firstPaintMs)} (to next frame ${ms(r.firstFrameMs)}, from postMessage ${ms(r.postedToPaintMs)}); ` +
        `zoom paint median ${ms(r.zoomMedianMs)}, p95 ${ms(r.zoomP95Ms)} over ${r.zoomFrames} frames; ` +
        `frame interval median ${ms(r.frameIntervalMedianMs)}, p95 ${ms(r.frameIntervalP95Ms)}\n`,
    )
    .join('');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--runs');
  const runs = at >= 0 ? Number(args.splice(at, 2)[1]) : 5;
  const paths = args.length > 0 ? args : [join(repoRoot, 'test/fixtures/profiles/large.cpu.pb.gz')];
  const results = await benchFlame(paths.map((p) => ({ name: basename(p), path: p })), runs);
  process.stdout.write(formatFlameBench(results));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
