/**
 * `go-profiler bench-compare --base REV [--head REV] [--bench RE] [--count N] [--benchtime D]
 * [--out DIR] [--go PATH] [--json] -- PACKAGES...`: the editor's benchmark comparison,
 * headless. Prints a benchstat-like table (or, with --json, the summary the profiles folder
 * also gets); progress goes to stderr. Exit 0 unless it cannot run (2, one-line message).
 * SIGINT/SIGTERM stop the go command and remove the temporary worktree.
 */
import { checkBenchCount, compareBenchmarkRevisions, DEFAULT_BENCH_COUNT, MAX_BENCH_COUNT } from '../capture/bench-compare';
import { CaptureError } from '../capture/errors';
import { formatTables } from '../benchstat/table-text';
import { UsageError } from './args';
import { jsonText } from './json-text';
import { DEFAULT_OUT_DIR } from './run';

export const BENCH_COMPARE_USAGE =
  'usage: go-profiler bench-compare --base REV|--base-saved SUMMARY.json [--head REV] [--bench RE] [--count N] [--benchtime D] [--out DIR] [--go PATH] [--json] [-- PACKAGES...]';

export interface BenchCompareArgs {
  /** A revision, or a saved comparison summary whose head is the base. */
  readonly base: string | { readonly saved: string };
  readonly head?: string;
  readonly bench: string;
  readonly count: number;
  readonly benchtime?: string;
  readonly outDir: string;
  readonly go?: string;
  readonly json: boolean;
  readonly packages: readonly string[];
}

const VALUE_FLAGS = new Set(['base', 'base-saved', 'head', 'bench', 'count', 'benchtime', 'out', 'go']);

/** Parses the arguments after `bench-compare`; throws a UsageError with a one-line message. Pure. */
export function parseBenchCompareArgs(argv: readonly string[]): BenchCompareArgs {
  const values = new Map<string, string>();
  let json = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-')) break; // packages without a preceding "--"
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const flag = eq < 0 ? body : body.slice(0, eq);
    if (flag === 'json' && eq < 0) {
      json = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) throw new UsageError(`bench-compare: unknown flag ${arg} (${BENCH_COMPARE_USAGE})`);
    const value = eq < 0 ? argv[++i] : body.slice(eq + 1);
    if (value === undefined || value === '--') throw new UsageError(`bench-compare: flag --${flag} needs a value`);
    values.set(flag, value);
  }
  const rev = values.get('base');
  const saved = values.get('base-saved');
  if ((rev === undefined) === (saved === undefined)) throw new UsageError(`bench-compare: give one of --base REV or --base-saved SUMMARY.json (${BENCH_COMPARE_USAGE})`);
  const base = rev ?? { saved: saved! };
  const countText = values.get('count');
  let count = DEFAULT_BENCH_COUNT;
  if (countText !== undefined) {
    try {
      count = checkBenchCount(/^\d+$/.test(countText) ? Number(countText) : NaN);
    } catch {
      throw new UsageError(`bench-compare: --count must be a whole number from 2 to ${MAX_BENCH_COUNT}, not "${countText}"`);
    }
  }
  const packages = argv.slice(i);
  const opt = (key: string): string | undefined => values.get(key);
  return {
    base,
    ...(opt('head') !== undefined ? { head: opt('head')! } : {}),
    bench: opt('bench') ?? '.',
    count,
    ...(opt('benchtime') !== undefined ? { benchtime: opt('benchtime')! } : {}),
    outDir: opt('out') ?? DEFAULT_OUT_DIR,
    ...(opt('go') !== undefined ? { go: opt('go')! } : {}),
    json,
    packages: packages.length > 0 ? packages : ['.'],
  };
}

export async function benchCompareCommand(argv: readonly string[], io: { out(text: string): void; err(text: string): void }): Promise<number> {
  const args = parseBenchCompareArgs(argv);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    const result = await compareBenchmarkRevisions({
      cwd: process.cwd(),
      base: args.base,
      ...(args.head !== undefined ? { head: args.head } : {}),
      bench: args.bench,
      count: args.count,
      packages: args.packages,
      outDir: args.outDir,
      ...(args.go !== undefined ? { go: args.go } : {}),
      extraFlags: args.benchtime !== undefined ? [`-benchtime=${args.benchtime}`] : [],
      signal: stop.signal,
      onProgress: (p) => io.err(`[${p.done}/${p.total}] ${p.what}\n`),
    });
    if (args.json) {
      io.out(jsonText(result.summary, false));
    } else {
      io.out(formatTables(result.tables, { base: result.base.label, head: result.head.label }));
      io.out(`\nprofiles: ${result.summary.profiles.base} (base), ${result.summary.profiles.head} (head)\nsummary:  ${result.summaryPath}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof CaptureError)) throw e;
    io.err(`go-profiler bench-compare: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}
