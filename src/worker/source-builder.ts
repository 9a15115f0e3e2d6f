/**
 * The numbers of the Source and Disassembly tabs: pprof's `list` routines of one function with
 * each line's callees, and `disasm`'s per-instruction flat/cum of objdump's instructions. The
 * host adds what needs the machine (source text, the objdump run).
 */
import type { Profile } from '../pprof';
import { disasmListing } from '../analysis/disasm';
import { baseName } from '../analysis/clean-path';
import { lineCallees, lineKey } from '../analysis/line-callees';
import { selectSampleType } from '../analysis/sample-type';
import { sourceListing } from '../analysis/source-listing';
import { buildStacks } from '../analysis/stacks';
import type { PeekParams } from '../shared/peek-view';
import { exactNamePattern, type LineCallee, type SourceListingData } from '../shared/source-view';
import { toReportOptions } from './report-options';
import type { DisasmData, DisasmParams } from './worker-protocol';

/**
 * The function a selection stands for: at functions granularity the name itself, at the others
 * the function of the node with that printable name ("main.f main.go:12" at lines).
 */
export function functionNamed(profile: Profile, params: PeekParams): string {
  if ((params.granularity ?? 'functions') === 'functions') return params.name;
  const stacks = buildStacks(profile, toReportOptions(params, selectSampleType(profile, params.sampleIndex)));
  return stacks.frames.find((f) => f.name === params.name)?.functionName || params.name;
}

export function buildSourceListing(profile: Profile, params: PeekParams): SourceListingData {
  const name = functionNamed(profile, params);
  const options = { ...toReportOptions(params, selectSampleType(profile, params.sampleIndex)), granularity: 'lines' as const };
  const listing = sourceListing(profile, options, new RegExp(exactNamePattern(name)));
  const calls = lineCallees(buildStacks(profile, options), name);
  const fn = listing.functions[0];
  const routines = (fn?.routines ?? []).map((r) => ({
    name: r.name,
    file: r.file,
    flat: r.flat,
    cum: r.cum,
    start: r.start,
    end: r.end,
    lines: [...r.lines]
      .sort((a, b) => a[0] - b[0])
      .map(([line, c]) => ({ line, flat: c.flat, cum: c.cum, callees: sortedCallees(calls.get(lineKey(r.file, line))) })),
  }));
  return { name, unit: listing.unit, total: listing.total, routines, noSource: fn !== undefined && fn.routines.length === 0 };
}

function sortedCallees(calls: ReadonlyMap<string, number> | undefined): LineCallee[] {
  return [...(calls ?? [])].map(([name, cum]) => ({ name, cum })).sort((a, b) => b.cum - a.cum || (a.name < b.name ? -1 : 1));
}

/**
 * `disasm`'s rows for the function, each with the profile's name of its source file: objdump
 * prints base names, so they are matched to the symbol's own file and the profile's files.
 */
export function buildDisasm(profile: Profile, params: DisasmParams): DisasmData {
  const name = functionNamed(profile, params);
  const listing = disasmListing(profile, params.sampleIndex, new RegExp(exactNamePattern(name)), params.symbols);
  const byBase = new Map<string, string>();
  for (const sym of params.symbols) if (sym.file) byBase.set(baseName(sym.file), sym.file);
  for (const f of profile.functions.filename) {
    const file = profile.strings[f]!;
    if (file !== '' && !byBase.has(baseName(file))) byBase.set(baseName(file), file);
  }
  const routines = listing.routines.map((r) => ({
    name: r.name,
    flat: r.flat,
    cum: r.cum,
    rows: r.rows.map((row) => ({
      address: row.address.toString(16),
      text: row.text,
      flat: row.flat,
      cum: row.cum,
      file: row.file === '' ? '' : (byBase.get(row.file) ?? row.file),
      line: row.line,
    })),
  }));
  return { unit: listing.unit, total: listing.total, routines };
}
