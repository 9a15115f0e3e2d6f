/**
 * The CLI figures of issue 14: each report of `go-profiler` against the same report of the pprof
 * binary (`go tool -n pprof`, no go-command start-up), measured one after the other in this run
 * (pprof's own speed swings 2-5x with the machine's load), with Node's bare start-up as the floor
 * of a small report.
 */
import { join } from 'node:path';
import { repoRoot } from '../../test/support/go-fixtures';
import type { BenchProfile } from './generate';
import { measureMedian, type ProcessMeasurement } from './measure-process';
import { formatBytes, formatMs, formatRatio, renderTable } from './table';

interface Figure {
  readonly label: string;
  readonly ours: readonly string[];
  readonly theirs: readonly string[];
  /** What the issue asks of this row. */
  readonly goal: string;
}

const external = (path: string): string => join(repoRoot, 'test', 'fixtures', 'external', path);
const largeCpu = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

function figures(generated: readonly BenchProfile[]): Figure[] {
  const smallHeap = external('pyroscope/pprof.heap_delta');
  const smallCpu = external('parca/query.many.1644509299337903000.pb.gz');
  const after = external('dd-trace-go/fastdelta.heap.after.pprof');
  const before = external('dd-trace-go/fastdelta.heap.before.pprof');
  const small = 'as fast as pprof, or within 30 ms of Node';
  const out: Figure[] = [
    { label: 'top, 12 KB heap', ours: ['top', smallHeap], theirs: ['-top', smallHeap], goal: small },
    { label: 'tree, 22 KB CPU', ours: ['tree', smallCpu], theirs: ['-tree', smallCpu], goal: small },
    { label: 'diff of two 2 KB heaps', ours: ['diff', after, '--diff-base', before], theirs: ['-top', `-diff_base=${before}`, after], goal: small },
    { label: 'peek ., large.cpu (1.2 MB)', ours: ['peek', largeCpu, '.'], theirs: ['-peek=.', largeCpu], goal: 'at least as fast as pprof' },
    { label: 'traces, large.cpu', ours: ['traces', largeCpu], theirs: ['-traces', largeCpu], goal: 'at least as fast as pprof' },
  ];
  const goroutines = generated.find((p) => p.name === 'goroutines-20k');
  if (goroutines) out.push({ label: 'traces, 20,001 goroutines', ours: ['traces', goroutines.path], theirs: ['-traces', goroutines.path], goal: 'at least as fast as pprof' });
  const heap = generated.find((p) => p.name === 'heap-1M-stacks');
  if (heap) out.push({ label: 'top, 30 MB (raw) heap', ours: ['top', heap.path], theirs: ['-top', heap.path], goal: '≥30× faster, ≤1/8 memory' });
  return out;
}

interface Row {
  readonly figure: Figure;
  readonly pprof: ProcessMeasurement;
  readonly ours: ProcessMeasurement;
}

/** Measures every figure (`runs` runs each, medians) and renders the table with its ratios. */
export async function reportFigures(generated: readonly BenchProfile[], runs: number, pprof: string, cli: string, log: (m: string) => void): Promise<string> {
  log(`node start-up ×${runs}`);
  const node = await measureMedian(runs, process.execPath, ['-e', '0']);
  const rows: Row[] = [];
  for (const figure of figures(generated)) {
    log(`${figure.label} ×${runs}`);
    // Names kept as in the profile on both sides: pprof's symbolization would look for binaries.
    const theirs = await measureMedian(runs, pprof, ['-symbolize=none', ...figure.theirs]);
    const ours = await measureMedian(runs, process.execPath, [cli, ...figure.ours, '--symbolize', 'none']);
    rows.push({ figure, pprof: theirs, ours });
  }
  const headings = ['report', 'pprof wall', 'ours wall', 'pprof/ours', 'pprof CPU', 'ours CPU', 'ours − Node (CPU)', 'pprof RSS', 'ours RSS', 'goal'];
  const body = rows.map(({ figure, pprof: p, ours: o }) => [
    figure.label,
    formatMs(p.wallMs),
    formatMs(o.wallMs),
    formatRatio(p.wallMs / o.wallMs),
    formatMs(p.cpuMs),
    formatMs(o.cpuMs),
    formatMs(o.cpuMs - node.cpuMs),
    formatBytes(p.peakRssBytes),
    formatBytes(o.peakRssBytes),
    figure.goal,
  ]);
  return [
    '',
    `CLI reports against the pprof binary, medians of ${runs} runs each in this run. Node's bare start-up`,
    `(node -e 0): ${formatMs(node.wallMs)} wall, ${formatMs(node.cpuMs)} CPU. "ours − Node" is what the report`,
    'costs over that floor. Both sides with -symbolize=none. CPU is counted in 10 ms steps.',
    '',
    renderTable(headings, body),
    '',
  ].join('\n');
}
