// Runs `go tool pprof -top` on a profile and parses its rows: the reference the UI is compared with.
import { execFileSync } from 'node:child_process';
import { parsePprofTags, type PprofTagRow } from '../../support/pprof-tags';

export interface TopRow {
  flat: string;
  flatPct: string;
  sumPct: string;
  cum: string;
  cumPct: string;
  name: string;
}

export interface TopOptions {
  sampleIndex?: string | number;
  /** Passed as -unit, e.g. "ns" or "B", to read exact numbers instead of rounded ones. */
  unit?: string;
  nodeCount?: number;
  focus?: string;
}

const rowPattern = /^\s*(\S+)\s+(\S+%)\s+(\S+%)\s+(\S+)\s+(\S+%)\s+(.+)$/;

export function pprofTop(file: string, opts: TopOptions = {}): TopRow[] {
  // -nodefraction=0: the editor's table lists every function; plain -top drops the small ones.
  const args = ['tool', 'pprof', '-top', '-nodefraction=0', `-nodecount=${opts.nodeCount ?? 10}`];
  if (opts.sampleIndex !== undefined) args.push(`-sample_index=${opts.sampleIndex}`);
  if (opts.unit) args.push(`-unit=${opts.unit}`);
  if (opts.focus !== undefined) args.push(`-focus=${opts.focus}`);
  args.push(file);
  const out = execFileSync('go', args, {
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', PPROF_TMPDIR: process.env['TMPDIR'] ?? '/tmp' },
    maxBuffer: 1 << 28, // every row of a large profile
  });
  const lines = out.split('\n');
  const header = lines.findIndex((l) => /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%/.test(l));
  if (header < 0) throw new Error(`no table in go tool pprof output:\n${out}`);
  const rows: TopRow[] = [];
  for (const line of lines.slice(header + 1)) {
    const m = rowPattern.exec(line);
    if (!m) continue;
    const [, flat, flatPct, sumPct, cum, cumPct, name] = m;
    rows.push({ flat: flat!, flatPct: flatPct!, sumPct: sumPct!, cum: cum!, cumPct: cumPct!, name: name!.trim() });
  }
  return rows;
}

/** A number from a -unit output cell ("205170000000ns", "337390163B", "0", "12"). */
export function rawNumber(cell: string): number {
  const m = /^-?\d+(\.\d+)?/.exec(cell);
  if (!m) throw new Error(`not a number: ${cell}`);
  return Number(m[0]);
}

export interface SampleTypes {
  /** "type/unit" as pprof prints them, e.g. "alloc_space/bytes". */
  types: string[];
  defaultIndex: number;
}

/** The profile's sample types and the one pprof shows by default ("[dflt]", else the last). */
export function pprofSampleTypes(file: string): SampleTypes {
  const out = execFileSync('go', ['tool', 'pprof', '-raw', file], {
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local' },
    maxBuffer: 1 << 30,
  });
  const lines = out.split('\n');
  const at = lines.indexOf('Samples:');
  const header = at >= 0 ? lines[at + 1] : undefined;
  if (!header) throw new Error(`no sample types in go tool pprof -raw output for ${file}`);
  const fields = header.trim().split(/\s+/);
  const marked = fields.findIndex((f) => f.endsWith('[dflt]'));
  return { types: fields.map((f) => f.replace(/\[dflt\]$/, '')), defaultIndex: marked >= 0 ? marked : fields.length - 1 };
}

/** The -unit that makes pprof print a sample type's exact value. */
export function exactUnit(sampleType: string): string | undefined {
  const unit = sampleType.split('/')[1];
  if (unit === 'nanoseconds') return 'ns';
  if (unit === 'bytes') return 'B';
  return undefined;
}

/** `go tool pprof -tags`: each label key with its values, as printed. */
export function pprofTags(file: string, sampleIndex?: string | number): Map<string, PprofTagRow[]> {
  const args = ['tool', 'pprof', '-tags', ...(sampleIndex === undefined ? [] : [`-sample_index=${sampleIndex}`]), file];
  const out = execFileSync('go', args, {
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', PPROF_TMPDIR: process.env['TMPDIR'] ?? '/tmp' },
    maxBuffer: 1 << 28,
  });
  return parsePprofTags(out);
}
