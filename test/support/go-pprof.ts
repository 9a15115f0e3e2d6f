/**
 * The oracle: the real `go tool pprof`, run on a file, its report parsed strictly.
 *
 * Values are printed in the sample type's base unit (`-unit=ns`, `-unit=B`, ...), so every
 * number is an exact integer. Any line the parser does not understand is an error, so the
 * oracle cannot silently lose rows.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ReportOptions } from '../../src/analysis/options';
import { goEnv, run, RunError } from './go-fixtures';
import { pprofThroughGoldens, type PprofResult } from './pprof-golden';

export interface GoPprofOptions extends ReportOptions {
  /** pprof -base: subtract this profile. */
  readonly base?: string;
  /** pprof -diff_base: show this profile as the base of a comparison. */
  readonly diffBase?: string;
  /** pprof -normalize: scale the profile so its total equals the base's (with base or diffBase). */
  readonly normalize?: boolean;
  /** Default: every node (1000000). */
  readonly nodeCount?: number;
  /** Per-run limit; `go tool pprof` takes about a minute on large.cpu. Default 10 minutes. */
  readonly timeoutMs?: number;
}

export interface GoPprofRow {
  readonly flat: number;
  readonly cum: number;
  /** As printed, without pprof's inline marker, e.g. "main.f" or "main.f /a/b.go:12". */
  readonly name: string;
  /** pprof marked the row "(inline)": every frame of it was inlined into a caller. */
  readonly inline: boolean;
  /** The marker pprof printed after the name, if any. */
  readonly inlineLabel: '' | '(inline)' | '(partial-inline)';
}

export interface GoPprofTop {
  /** The "of T total" figure. */
  readonly total: number;
  /** The "Showing nodes accounting for S" figure. */
  readonly shown: number;
  /** The sample type that was reported and the unit the values are in. */
  readonly sampleType: { readonly type: string; readonly unit: string };
  /** In pprof's order. */
  readonly rows: readonly GoPprofRow[];
  /** Every line above the column headings (File:, Type:, Active filters:, ...). */
  readonly header: readonly string[];
}

let scratch: string | undefined;

/** A private HOME / PPROF_TMPDIR so pprof writes nothing into the real home folder. */
function pprofScratchDir(): string {
  if (scratch === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'go-pprof-oracle-'));
    scratch = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return scratch;
}

/** Environment for pprof: no home folder, no binary lookup, no browser. */
export function pprofEnv(): NodeJS.ProcessEnv {
  const dir = pprofScratchDir();
  return goEnv({ HOME: dir, PPROF_TMPDIR: dir, PPROF_BINARY_PATH: dir, PPROF_TOOLS: '', BROWSER: 'false' });
}

/**
 * `go tool pprof ARGS FILE`'s standard output: from the real tool, or its stored golden (see
 * pprof-golden.ts and oracle-mode.ts). Symbolization is off (unless args choose otherwise), so
 * pprof never looks for binaries or goes to the network. A failed run rejects with the
 * command, its status and its stderr.
 */
export function goPprofRaw(file: string, args: readonly string[], timeoutMs = 600_000): Promise<string> {
  const symbolize = args.some((a) => a.startsWith('-symbolize')) ? [] : ['-symbolize=none'];
  const flags = [...symbolize, ...args];
  // The same report of the same unchanged file is computed once per process.
  const stats = statSync(file, { throwIfNoEntry: false });
  const key = JSON.stringify([flags, file, stats?.size, stats?.mtimeMs]);
  let report = reports.get(key);
  if (report === undefined) {
    report = pprofThroughGoldens(file, flags, () => runPprof([...flags, file], timeoutMs)).then((r) => {
      if (r.status !== 0) throw new Error(r.message ?? `go tool pprof exited with status ${r.status}:\n${r.stderr}`);
      return r.stdout;
    });
    reports.set(key, report);
    report.catch(() => reports.delete(key));
  }
  return report;
}

/** Runs the real pprof; a non-zero exit is a result (goldens store failures too), not a throw. */
export async function runPprof(args: readonly string[], timeoutMs: number): Promise<PprofResult> {
  const bin = await pprofBinary();
  try {
    const r = await run(bin, args, { env: pprofEnv(), timeoutMs });
    return { status: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    if (e instanceof RunError) return { status: e.status, stdout: e.stdout, stderr: e.stderr, message: e.message };
    throw e;
  }
}

const reports = new Map<string, Promise<string>>();

let pprofBinaryPromise: Promise<string> | undefined;

/**
 * The pprof executable that `go tool pprof` runs (`go tool -n pprof`), run directly to skip
 * the go command's start-up on every report.
 */
export function pprofBinary(): Promise<string> {
  pprofBinaryPromise ??= run('go', ['tool', '-n', 'pprof'], { env: goEnv() }).then((r) => {
    const path = r.stdout.trim();
    if (path === '') throw new Error('`go tool -n pprof` printed no path for the pprof tool');
    return path;
  });
  return pprofBinaryPromise;
}

/** Builds the pprof command line (without the file) for a top report. */
export function goPprofTopArgs(opts: GoPprofOptions, unitFlag: string | undefined): string[] {
  const args = [
    '-top',
    `-nodecount=${opts.nodeCount ?? 1_000_000}`,
    '-nodefraction=0',
    '-edgefraction=0',
  ];
  if (unitFlag !== undefined) args.push(`-unit=${unitFlag}`);
  if (opts.sampleIndex !== undefined) args.push(`-sample_index=${String(opts.sampleIndex)}`);
  if (opts.granularity !== undefined) args.push(`-${opts.granularity}`);
  if (opts.noInlines) args.push('-noinlines');
  const regexFlags: [string, string | undefined][] = [
    ['focus', opts.focus],
    ['ignore', opts.ignore],
    ['hide', opts.hide],
    ['show', opts.show],
    ['show_from', opts.showFrom],
    ['tagfocus', opts.tagFocus],
    ['tagignore', opts.tagIgnore],
  ];
  for (const [flag, value] of regexFlags) if (value !== undefined) args.push(`-${flag}=${value}`);
  if (opts.tagRoot?.length) args.push(`-tagroot=${opts.tagRoot.join(',')}`);
  if (opts.tagLeaf?.length) args.push(`-tagleaf=${opts.tagLeaf.join(',')}`);
  if (opts.base !== undefined) args.push(`-base=${opts.base}`);
  if (opts.diffBase !== undefined) args.push(`-diff_base=${opts.diffBase}`);
  if (opts.normalize) args.push('-normalize');
  return args;
}

/** The `-unit` value that makes pprof print a unit's values unscaled, as integers. */
export function pprofUnitFlag(unit: string): string {
  switch (unit) {
    case 'nanoseconds':
      return 'ns';
    case 'bytes':
      return 'B';
    default:
      return unit;
  }
}

/** Runs `go tool pprof -top` with every node shown and parses the result. */
export async function goPprofTop(file: string, opts: GoPprofOptions = {}): Promise<GoPprofTop> {
  const sampleType = selectSampleType(file, readSampleTypes(file), opts.sampleIndex);
  const stdout = await goPprofRaw(file, goPprofTopArgs(opts, pprofUnitFlag(sampleType.unit)), opts.timeoutMs);
  return { ...parsePprofTop(stdout, file), sampleType };
}

const columnHeadings = /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%\s*$/;
const rowPattern = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s\s(\S.*)$/;
const percentPattern = /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?%$/;
const inlineMarker = /^(.*) \((inline|partial-inline)\)$/;
const showingPattern = /^Showing nodes accounting for (\S+), (\S+) of (\S+) total$/;

/** One printed value ("410000000ns", "-20B", "0", "99") as an exact integer. */
export function parsePprofValue(text: string, where: string): number {
  const m = /^(-?\d+)([A-Za-z]*)$/.exec(text);
  if (!m?.[1]) {
    throw new Error(`${where}: pprof printed "${text}", not an integer in the base unit (was -unit right?)`);
  }
  const value = Number(m[1]);
  if (!Number.isSafeInteger(value)) throw new Error(`${where}: value ${text} is beyond 2^53`);
  return value;
}

/** Parses the text of `go tool pprof -top`; `source` names the file in error messages. */
export function parsePprofTop(stdout: string, source: string): Omit<GoPprofTop, 'sampleType'> {
  const lines = stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const headingAt = lines.findIndex((l) => columnHeadings.test(l));
  if (headingAt < 0) throw new Error(`pprof -top output for ${source} has no column headings:\n${stdout}`);
  const header = lines.slice(0, headingAt);
  const showing = header.map((l) => showingPattern.exec(l)).filter((m) => m !== null);
  if (showing.length !== 1 || !showing[0]) {
    throw new Error(`pprof -top output for ${source} has ${showing.length} "Showing nodes accounting for" lines`);
  }
  const [, shownText = '', , totalText = ''] = showing[0];
  const rows: GoPprofRow[] = [];
  for (let i = headingAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const where = `pprof -top output for ${source}, line ${i + 1}`;
    const m = rowPattern.exec(line);
    if (!m) throw new Error(`${where}: cannot parse "${line}"`);
    const [, flat = '', flatPct = '', sumPct = '', cum = '', cumPct = '', rawName = ''] = m;
    for (const pct of [flatPct, sumPct, cumPct]) {
      if (!percentPattern.test(pct)) throw new Error(`${where}: "${pct}" is not a percentage in "${line}"`);
    }
    const marked = inlineMarker.exec(rawName);
    const inlineLabel = marked?.[2] === 'inline' ? '(inline)' : marked?.[2] === 'partial-inline' ? '(partial-inline)' : '';
    const name = marked?.[1] ?? rawName;
    const [flatValue, cumValue] = [parsePprofValue(flat, where), parsePprofValue(cum, where)];
    rows.push({ flat: flatValue, cum: cumValue, name, inline: inlineLabel === '(inline)', inlineLabel });
  }
  return {
    total: parsePprofValue(totalText, `"Showing" line for ${source}`),
    shown: parsePprofValue(shownText, `"Showing" line for ${source}`),
    rows,
    header,
  };
}

/** The sample types of a pprof file and its default_sample_type (string index, 0 = unset). */
export interface FileSampleTypes {
  readonly types: readonly { readonly type: string; readonly unit: string }[];
  readonly defaultType: string;
}

/**
 * Reads just the sample types and the default sample type of a (gzipped) profile.proto,
 * with a minimal scanner independent of the product's decoder, so the oracle can pick the
 * right -unit without trusting the code under test.
 */
export function readSampleTypes(file: string): FileSampleTypes {
  let bytes: Uint8Array = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const buf = bytes;
  const fail = (what: string): never => {
    throw new Error(`${file}: not a readable profile.proto (${what})`);
  };
  const varint = (pos: { p: number }): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos.p >= buf.length) fail('truncated varint');
      const b = buf[pos.p++] ?? 0;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    return fail('varint too long');
  };
  /** Calls onField(field, wireType, start, end or value) for each field in [start, end). */
  const scan = (start: number, end: number, onField: (field: number, value: number, from: number, to: number) => void) => {
    const pos = { p: start };
    while (pos.p < end) {
      const key = varint(pos);
      const field = Math.floor(key / 8);
      const wire = key % 8;
      if (wire === 0) {
        const v = varint(pos);
        onField(field, v, 0, 0);
      } else if (wire === 2) {
        const len = varint(pos);
        if (pos.p + len > end) fail('length past the end');
        onField(field, -1, pos.p, pos.p + len);
        pos.p += len;
      } else if (wire === 1) pos.p += 8;
      else if (wire === 5) pos.p += 4;
      else fail(`wire type ${wire}`);
    }
    if (pos.p !== end) fail('field past the end');
  };
  const strings: string[] = [];
  const typeRefs: [number, number][] = [];
  let defaultRef = 0;
  const decoder = new TextDecoder();
  scan(0, buf.length, (field, value, from, to) => {
    if (field === 1 && value < 0) {
      let type = 0;
      let unit = 0;
      scan(from, to, (f, v) => {
        if (f === 1) type = v;
        else if (f === 2) unit = v;
      });
      typeRefs.push([type, unit]);
    } else if (field === 6 && value < 0) strings.push(decoder.decode(buf.subarray(from, to)));
    else if (field === 14 && value >= 0) defaultRef = value;
  });
  const str = (i: number): string => strings[i] ?? fail(`string index ${i} out of range`);
  return {
    types: typeRefs.map(([t, u]) => ({ type: str(t), unit: str(u) })),
    defaultType: defaultRef === 0 ? '' : str(defaultRef),
  };
}

/** pprof's choice of sample type: by index or name, else default_sample_type, else the last. */
export function selectSampleType(
  file: string,
  sampleTypes: FileSampleTypes,
  sampleIndex: string | number | undefined,
): { type: string; unit: string } {
  const { types, defaultType } = sampleTypes;
  const names = types.map((t) => t.type).join(', ');
  let index: number;
  if (sampleIndex === undefined) {
    index = defaultType === '' ? types.length - 1 : types.findIndex((t) => t.type === defaultType);
  } else if (typeof sampleIndex === 'number' || /^\d+$/.test(sampleIndex)) {
    index = Number(sampleIndex);
  } else {
    index = types.findIndex((t) => t.type === sampleIndex);
  }
  const chosen = types[index];
  if (!chosen) throw new Error(`${file}: no sample type ${String(sampleIndex ?? defaultType)} (has ${names})`);
  return chosen;
}
