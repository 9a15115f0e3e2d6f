import type { LocationIndexes, ProfileMetadata } from '../pprof/profile';
import { compileGoRegexp } from '../shared/go-regexp';
import type { ReportOptions } from './options';

/**
 * pprof's frame and sample filters, applied to locations once (so the per-sample pass only
 * reads flags). Semantics, as in pprof's profile package:
 * - drop_frames/keep_frames (from the file): a location whose function matches
 *   ^(drop_frames)$ (and not keep_frames) loses that line and the ones inlined into it; samples
 *   lose everything beneath the first such location seen from the root, after a non-matching one.
 * - focus/ignore match a location when any of its functions' names or files, or its binary,
 *   match; a sample is kept when some location matches focus and none matches ignore. They
 *   drop samples; the total stays that of all samples.
 * - hide/show remove the matching/non-matching lines from locations; a location left with no
 *   line is removed from stacks and a sample left with no location is dropped.
 * - show_from drops the frames above (toward the root of) the highest matching frame; samples
 *   with no match are dropped.
 */

export const LOC_PRUNE = 1;
export const LOC_PRUNE_BENEATH = 2;
export const LOC_FOCUS = 4;
export const LOC_IGNORE = 8;
export const LOC_HIDDEN = 16;
export const LOC_SHOW_FROM = 32;

export interface FilteredLocations {
  /** LOC_* bits per location. */
  readonly flags: Uint8Array;
  /** Lines kept per location: keptLines[keptStart[l] .. keptStart[l + 1] - 1], innermost first. */
  readonly keptStart: Int32Array;
  readonly keptLines: Int32Array;
  /** Some of focus/ignore/hide/show is set: samples go through the focus test and hidden removal. */
  readonly nameFilterActive: boolean;
  readonly pruneActive: boolean;
  readonly showFromActive: boolean;
}

interface NameRegexps {
  readonly drop: RegExp | undefined;
  readonly keep: RegExp | undefined;
  readonly focus: RegExp | undefined;
  readonly ignore: RegExp | undefined;
  readonly hide: RegExp | undefined;
  readonly show: RegExp | undefined;
  readonly showFrom: RegExp | undefined;
}

export function filterLocations(profile: ProfileMetadata, options: ReportOptions): FilteredLocations {
  const rx = compileNameFilters(profile, options);
  const { locations } = profile;
  const matcher = new FunctionMatcher(profile);
  const flags = new Uint8Array(locations.count);
  const keptStart = new Int32Array(locations.count + 1);
  const kept: number[] = [];
  const nameFilterActive = !!(rx.focus || rx.ignore || rx.hide || rx.show);
  let lines: number[] = [];

  for (let l = 0; l < locations.count; l++) {
    keptStart[l] = kept.length;
    lines.length = 0;
    for (let i = locations.lineStart[l]!; i < locations.lineStart[l + 1]!; i++) lines.push(i);
    const mappingFile = mappingFileOf(profile, l);
    let f = 0;

    if (rx.drop) {
      let i = lines.length - 1;
      for (; i >= 0; i--) {
        const fn = locations.lineFunction[lines[i]!]!;
        if (fn >= 0 && matcher.prunes(fn, rx.drop, rx.keep)) break;
      }
      if (i >= 0) {
        f |= LOC_PRUNE_BENEATH;
        if (i === lines.length - 1) f |= LOC_PRUNE;
        else lines = lines.slice(i + 1);
      }
    }

    if (nameFilterActive) {
      if (rx.ignore && matcher.locationMatches(lines, mappingFile, rx.ignore)) f |= LOC_IGNORE;
      else if (!rx.focus || matcher.locationMatches(lines, mappingFile, rx.focus)) f |= LOC_FOCUS;
      let hidden = false;
      if (rx.hide && matcher.locationMatches(lines, mappingFile, rx.hide)) {
        lines = mappingMatches(mappingFile, rx.hide) ? [] : lines.filter((i) => !matcher.lineMatches(i, rx.hide!));
        if (lines.length === 0) hidden = true;
      }
      if (rx.show) {
        if (!mappingMatches(mappingFile, rx.show)) lines = lines.filter((i) => matcher.lineMatchesOrHasNoFunction(i, rx.show!));
        if (lines.length === 0) hidden = true;
      }
      if (hidden) f |= LOC_HIDDEN;
    }

    if (rx.showFrom) {
      if (mappingMatches(mappingFile, rx.showFrom)) f |= LOC_SHOW_FROM;
      else {
        let i = lines.length - 1;
        while (i >= 0 && !matcher.lineMatches(lines[i]!, rx.showFrom)) i--;
        if (i >= 0) {
          f |= LOC_SHOW_FROM;
          lines = lines.slice(0, i + 1);
        }
      }
    }

    if (options.noInlines && lines.length > 1) lines = lines.slice(lines.length - 1);
    flags[l] = f;
    for (const i of lines) kept.push(i);
  }
  keptStart[locations.count] = kept.length;
  return {
    flags,
    keptStart,
    keptLines: Int32Array.from(kept),
    nameFilterActive,
    pruneActive: rx.drop !== undefined,
    showFromActive: rx.showFrom !== undefined,
  };
}

/**
 * Where the stack `locs[start..end)` (leaf first) starts after drop_frames pruning: frames beneath
 * the first pruned location seen from the root (after at least one kept location) are cut.
 */
export function prunedStart(locs: LocationIndexes, start: number, end: number, flags: Uint8Array): number {
  let foundUser = false;
  for (let i = end - 1; i >= start; i--) {
    const f = flags[locs[i]!]!;
    if ((f & (LOC_PRUNE | LOC_PRUNE_BENEATH)) === 0) {
      foundUser = true;
      continue;
    }
    if (!foundUser) continue;
    return f & LOC_PRUNE ? i + 1 : i;
  }
  return start;
}

function compileNameFilters(profile: ProfileMetadata, options: ReportOptions): NameRegexps {
  const opt = (name: string, value: string | undefined): RegExp | undefined =>
    value ? compileGoRegexp(name, value) : undefined;
  let drop: RegExp | undefined;
  let keep: RegExp | undefined;
  if (profile.dropFrames !== '') {
    drop = compileGoRegexp('drop_frames', `^(?:${profile.dropFrames})$`);
    if (profile.keepFrames !== '') keep = compileGoRegexp('keep_frames', `^(?:${profile.keepFrames})$`);
  }
  return {
    drop,
    keep,
    focus: opt('focus', options.focus),
    ignore: opt('ignore', options.ignore),
    hide: opt('hide', options.hide),
    show: opt('show', options.show),
    showFrom: opt('show_from', options.showFrom),
  };
}

/** The location's binary, or undefined without a mapping (a mapping with file "" still matches "" ). */
function mappingFileOf(profile: ProfileMetadata, loc: number): string | undefined {
  const m = profile.locations.mapping[loc]!;
  return m >= 0 ? profile.mappings[m]?.filename : undefined;
}

function mappingMatches(mappingFile: string | undefined, re: RegExp): boolean {
  return mappingFile !== undefined && re.test(mappingFile);
}

/** Regexp tests on function names and files, cached per function and regexp. */
class FunctionMatcher {
  private readonly cache = new Map<RegExp, Int8Array>();
  private pruneCache: Int8Array | undefined;

  constructor(private readonly profile: ProfileMetadata) {}

  /** The line's function name or file matches. */
  lineMatches(lineIndex: number, re: RegExp): boolean {
    const fn = this.profile.locations.lineFunction[lineIndex]!;
    return fn >= 0 && this.functionMatches(fn, re);
  }

  /** For show: lines without a function are kept, like pprof's matchedLines. */
  lineMatchesOrHasNoFunction(lineIndex: number, re: RegExp): boolean {
    const fn = this.profile.locations.lineFunction[lineIndex]!;
    return fn < 0 || this.functionMatches(fn, re);
  }

  locationMatches(lines: readonly number[], mappingFile: string | undefined, re: RegExp): boolean {
    for (const i of lines) if (this.lineMatches(i, re)) return true;
    return mappingMatches(mappingFile, re);
  }

  prunes(fn: number, drop: RegExp, keep: RegExp | undefined): boolean {
    const cache = (this.pruneCache ??= new Int8Array(this.profile.functions.count));
    let c = cache[fn]!;
    if (c === 0) {
      const name = this.profile.strings[this.profile.functions.name[fn]!] ?? '';
      const simple = simplifyFunctionName(name);
      c = name !== '' && drop.test(simple) && !(keep && keep.test(simple)) ? 1 : -1;
      cache[fn] = c;
    }
    return c === 1;
  }

  private functionMatches(fn: number, re: RegExp): boolean {
    let cache = this.cache.get(re);
    if (!cache) {
      cache = new Int8Array(this.profile.functions.count);
      this.cache.set(re, cache);
    }
    let c = cache[fn]!;
    if (c === 0) {
      const { strings, functions } = this.profile;
      c = re.test(strings[functions.name[fn]!] ?? '') || re.test(strings[functions.filename[fn]!] ?? '') ? 1 : -1;
      cache[fn] = c;
    }
    return c === 1;
  }
}

/** pprof's simplifyFunc: strips a leading "." and an argument list, keeping C++ reserved names. */
export function simplifyFunctionName(name: string): string {
  let s = name.startsWith('.') ? name.slice(1) : name;
  for (const m of s.matchAll(/\(anonymous namespace\)|operator\(\)|\(/g)) {
    if (m[0] === '(') {
      s = s.slice(0, m.index);
      break;
    }
  }
  return s;
}
