/**
 * Reads `go test -bench` output: one result per benchmark line, with its iteration count
 * and every "value unit" pair. ns/op becomes sec/op and MB/s B/s (as benchstat tidies them), so the table
 * speaks in seconds. Lines that are not benchmark results (PASS, ok, logs) are skipped. Pure.
 */

export interface BenchResult {
  /** The benchmark's name without the -GOMAXPROCS suffix, e.g. BenchmarkParse/small. */
  readonly name: string;
  readonly iterations: number;
  /** The package the benchmark ran in (the "pkg:" line above it), when go test printed one. */
  readonly pkg?: string;
  /** Unit -> value, e.g. "sec/op" -> 1.2e-6, "B/op" -> 64, "allocs/op" -> 2. */
  readonly values: ReadonlyMap<string, number>;
}

const RESULT_LINE = /^(Benchmark\S*)\s+(\d+)((?:\s+[-+0-9.eE]+\s+\S+)+)\s*$/;

/** The benchmark results in `text`, in order. */
export function parseBenchOutput(text: string): BenchResult[] {
  const results: BenchResult[] = [];
  let pkg: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('pkg: ')) pkg = line.slice(5).trim();
    const m = RESULT_LINE.exec(line.trimEnd());
    if (!m) continue;
    const fields = m[3]!.trim().split(/\s+/);
    const values = new Map<string, number>();
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const value = Number(fields[i]);
      if (!Number.isFinite(value)) continue;
      const unit = fields[i + 1]!;
      if (unit === 'ns/op') values.set('sec/op', value * 1e-9);
      else if (unit === 'MB/s') values.set('B/s', value * 1e6);
      else values.set(unit, value);
    }
    results.push({ name: m[1]!.replace(/-\d+$/, ''), iterations: Number(m[2]), ...(pkg ? { pkg } : {}), values });
  }
  return results;
}

/** The name benchstat shows for a benchmark: without the "Benchmark" prefix. */
export function shortBenchName(name: string): string {
  return name.replace(/^Benchmark/, '');
}
