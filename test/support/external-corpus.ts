/**
 * The external corpus (test/fixtures/external): pprof files written by other projects, and
 * every report case the fidelity tier compares on them with `go tool pprof`. The sample types
 * of a file come from pprof itself (`-raw`), so a file we cannot read still has its cases.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './go-fixtures';

export const externalRoot = join(repoRoot, 'test', 'fixtures', 'external');
/** The corpus's stored pprof outputs, apart from the Go fixtures' goldens. */
export const externalGoldenRoot = join(repoRoot, 'test', 'fidelity', 'golden-external');

/** Every profile of the corpus, sorted; README and licence files are not profiles. */
export function externalProfiles(): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(externalRoot).sort()) {
    const path = join(externalRoot, dir);
    if (!statSync(path).isDirectory()) continue;
    for (const name of readdirSync(path).sort()) out.push(join(path, name));
  }
  return out;
}

/** The sample types pprof lists in `-raw` output ("samples/count cpu/nanoseconds"). */
export function rawSampleTypes(raw: string): string[] {
  const lines = raw.split('\n');
  const at = lines.indexOf('Samples:');
  if (at < 0) return [];
  return (lines[at + 1] ?? '').trim().split(/\s+/).filter((t) => t !== '');
}

/** One comparison: our command line and pprof's, on the same file. */
export interface CorpusCase {
  readonly ours: readonly string[];
  readonly theirs: readonly string[];
}

const GRANULARITIES = ['functions', 'lines', 'files', 'filefunctions'] as const;

/**
 * The cases of one file with `types` sample types: top at every granularity for each sample
 * type; tree, peek and traces for each sample type; tree and peek at lines for the first.
 */
export function corpusCases(file: string, types: number): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (let i = 0; i < Math.max(types, 1); i++) {
    const index = types > 1 ? { ours: ['--sample-index', String(i)], theirs: [`-sample_index=${i}`] } : { ours: [], theirs: [] };
    for (const g of GRANULARITIES) {
      const gOurs = g === 'functions' ? [] : ['--granularity', g];
      const gTheirs = g === 'functions' ? [] : [`-${g}`];
      cases.push({ ours: ['top', file, ...index.ours, ...gOurs], theirs: ['-top', ...index.theirs, ...gTheirs] });
    }
    cases.push({ ours: ['tree', file, ...index.ours], theirs: ['-tree', ...index.theirs] });
    cases.push({ ours: ['peek', file, '.', ...index.ours], theirs: ['-peek=.', ...index.theirs] });
    cases.push({ ours: ['traces', file, ...index.ours], theirs: ['-traces', ...index.theirs] });
    if (i === 0) {
      cases.push({ ours: ['tree', file, ...index.ours, '--granularity', 'lines'], theirs: ['-tree', ...index.theirs, '-lines'] });
      cases.push({ ours: ['peek', file, '.', ...index.ours, '--granularity', 'lines'], theirs: ['-peek=.', ...index.theirs, '-lines'] });
    }
  }
  return cases;
}

/** Pairs of corpus files that are one profile before and after: diffed with -base and -diff_base. */
export const DIFF_PAIRS: readonly (readonly [string, string])[] = [
  ['dd-trace-go/fastdelta.heap.after.pprof', 'dd-trace-go/fastdelta.heap.before.pprof'],
  ['dd-trace-go/fastdelta.block.after.pprof', 'dd-trace-go/fastdelta.block.before.pprof'],
];

export function diffCases(): CorpusCase[] {
  return DIFF_PAIRS.flatMap(([after, before]) => {
    const [a, b] = [join(externalRoot, after), join(externalRoot, before)];
    return [
      { ours: ['diff', a, '--base', b], theirs: ['-top', `-base=${b}`] },
      { ours: ['diff', a, '--diff-base', b], theirs: ['-top', `-diff_base=${b}`] },
      { ours: ['tree', a, '--diff-base', b], theirs: ['-tree', `-diff_base=${b}`] },
    ];
  });
}
