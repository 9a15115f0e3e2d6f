/**
 * Per-line costs for editor hints with the numbers of `go tool pprof -list` (lines
 * granularity, same filters), plus which function each line belongs to. Pure.
 */
import type { Profile } from '../pprof/profile';
import type { FileLinesView, LineCostsParams, LineCostsView, LineCostView, LineFunctionView } from '../shared/line-costs-view';
import { mergeForDiff } from './diff';
import type { ReportOptions } from './options';
import { selectSampleType } from './sample-type';
import { buildStacks } from './stacks';
import { frameTotals } from './top';
import { profileWithSamples, samplesUnderPath } from './stack-prefix';
import { computeTotal } from './total';

interface LineAcc {
  flat: number;
  cum: number;
  fn: number;
  fnCum: number;
}

interface FileAcc {
  readonly lines: Map<number, LineAcc>;
  readonly functions: LineFunctionView[];
  readonly functionIndex: Map<string, number>;
}

/** Every costed line of every file. */
export function buildLineTable(profile: Profile, options: ReportOptions): LineCostsView {
  const stacks = buildStacks(profile, { ...options, granularity: 'lines' });
  const { flat, cum } = frameTotals(stacks);
  const byFile = new Map<string, FileAcc>();
  stacks.frames.forEach((frame, f) => {
    const fFlat = flat[f]!;
    const fCum = cum[f]!;
    if (frame.file === '' || frame.line === 0 || (fFlat === 0 && fCum === 0)) return;
    let acc = byFile.get(frame.file);
    if (!acc) byFile.set(frame.file, (acc = { lines: new Map(), functions: [], functionIndex: new Map() }));
    let fn = acc.functionIndex.get(frame.functionName);
    if (fn === undefined) {
      fn = acc.functions.length;
      acc.functions.push({ name: frame.functionName, startLine: frame.startLine });
      acc.functionIndex.set(frame.functionName, fn);
    }
    const line = acc.lines.get(frame.line);
    if (!line) {
      acc.lines.set(frame.line, { flat: fFlat, cum: fCum, fn, fnCum: Math.abs(fCum) });
      return;
    }
    // Lines of several functions on one line number add up, as in pprof -list's per-file sum.
    line.flat += fFlat;
    line.cum += fCum;
    if (Math.abs(fCum) > line.fnCum) {
      line.fn = fn;
      line.fnCum = Math.abs(fCum);
    }
  });
  const files: FileLinesView[] = [];
  for (const [file, acc] of byFile) {
    const lines: LineCostView[] = [...acc.lines]
      .sort((a, b) => a[0] - b[0])
      .map(([line, c]) => ({ line, flat: c.flat, cum: c.cum, fn: c.fn }));
    let maxFlat = 0;
    let maxCum = 0;
    for (const l of lines) {
      maxFlat = Math.max(maxFlat, Math.abs(l.flat));
      maxCum = Math.max(maxCum, Math.abs(l.cum));
    }
    files.push({ file, maxFlat, maxCum, functions: acc.functions, lines });
  }
  const sampleType = stacks.sampleType;
  return {
    sampleIndex: stacks.sampleTypeIndex,
    sampleType: { type: sampleType.type, unit: sampleType.unit },
    total: stacks.total,
    files: files.sort((a, b) => b.maxCum - a.maxCum || (a.file < b.file ? -1 : 1)),
  };
}

/** The table with lines only for `wanted` files (all files keep their totals). */
export function selectLineFiles(table: LineCostsView, wanted: readonly string[] = []): LineCostsView {
  const want = new Set(wanted);
  return {
    ...table,
    files: table.files.map((f) => (want.has(f.file) ? f : { file: f.file, maxFlat: f.maxFlat, maxCum: f.maxCum })),
  };
}

const tables = new WeakMap<Profile, { readonly base: Profile | undefined; readonly merged: Profile; readonly byKey: Map<string, LineCostsView> }>();
const TABLES_PER_PROFILE = 8;

/**
 * The worker's `lineCosts` answer: tables are kept per profile and options, so asking for
 * another file costs a lookup. With `base`, lines show the change (current - base).
 */
export function lineCostsForQuery(profile: Profile, params: LineCostsParams, base?: Profile): LineCostsView {
  let entry = tables.get(profile);
  if (!entry || entry.base !== base) {
    entry = { base, merged: base ? mergeForDiff(profile, base, 'base') : profile, byKey: new Map() };
    tables.set(profile, entry);
  }
  const sampleIndex = selectSampleType(profile, params.sampleIndex);
  const { focus, ignore, hide, show, tagFocus, tagIgnore, tagRoot, tagLeaf, transforms } = params;
  const path = params.flamePath ?? [];
  const granularity = params.flameGranularity ?? 'functions';
  const key = JSON.stringify([sampleIndex, focus, ignore, hide, show, tagFocus, transforms ?? [], tagIgnore, tagRoot, tagLeaf, ...(path.length > 0 ? [granularity, path] : [])]);
  let table = entry.byKey.get(key);
  if (!table) {
    // Label root frames (no line) change no line's cost but may be named by transforms; leaf
    // frames would take the lines' flat, so they only count for the zoomed path below.
    const options = { sampleIndex, focus, ignore, hide, show, tagFocus, transforms, tagIgnore, tagRoot };
    if (path.length > 0) {
      // The flame graph's zoomed frame: its samples only, percentages still of the whole profile.
      const under = profileWithSamples(entry.merged, samplesUnderPath(entry.merged, { ...options, granularity, tagLeaf }, path));
      table = { ...buildLineTable(under, options), total: computeTotal(entry.merged, sampleIndex) };
    } else {
      table = buildLineTable(entry.merged, options);
    }
    if (entry.byKey.size >= TABLES_PER_PROFILE) entry.byKey.delete(entry.byKey.keys().next().value!);
    entry.byKey.set(key, table);
  }
  return selectLineFiles(table, params.files);
}
