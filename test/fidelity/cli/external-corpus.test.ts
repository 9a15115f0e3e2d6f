/**
 * The external corpus: every report case on pprof files written by other projects (Java, .NET,
 * Node.js, Python, Ruby, Rust, C++, Go; Pyroscope, Parca, dd-trace-go, google/pprof's own test
 * data, legacy formats included) against `go tool pprof` run on the same file, with pprof's
 * default symbolization (names simplified) and with -symbolize=none. Text must be equal byte
 * for byte, rows that pprof orders at random among equals compared as sets, control characters
 * escaped in pprof's text as ours escapes them on purpose (see pprof-ties.ts);
 * when pprof fails, we fail with its message. Goldens: test/fidelity/golden-external.
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { main } from '../../../src/cli/main';
import { corpusCases, diffCases, externalGoldenRoot, externalProfiles, externalRoot, rawSampleTypes, type CorpusCase } from '../../support/external-corpus';
import { runPprof } from '../../support/go-pprof';
import { pprofThroughGoldens, type PprofResult } from '../../support/pprof-golden';
import { escapeControls, sameUpToTies } from '../../support/pprof-ties';

function pprof(file: string, flags: readonly string[]): Promise<PprofResult> {
  return pprofThroughGoldens(file, flags, () => runPprof([...flags, file], 120_000), { root: externalGoldenRoot });
}

async function ours(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** pprof's error message without its decoration ("Failed to ...", the file name): what we must say too. */
function pprofMessage(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Local symbolization failed') && !l.startsWith('Some binary filenames'));
  return lines[lines.length - 1] ?? '';
}

interface Outcome {
  readonly label: string;
  readonly equal: boolean;
  readonly why: string;
}

async function compare(c: CorpusCase, symbolize: readonly string[]): Promise<Outcome> {
  const file = c.ours[1]!;
  const label = `${c.ours[0]} ${relative(externalRoot, file)} ${[...c.ours.slice(2), ...symbolize.map((s) => s.replace('-symbolize', '--symbolize'))].join(' ')}`;
  const theirs = await pprof(file, [...symbolize, ...c.theirs]);
  const mine = await ours([...c.ours, ...symbolize.map((s) => s.replace('-symbolize', '--symbolize'))]);
  if (theirs.status !== 0) {
    const message = pprofMessage(theirs.stderr);
    const equal = mine.code !== 0 && mine.err.includes(message.replace(/^.*?: /, ''));
    return { label, equal, why: equal ? '' : `pprof failed (${message}); we exited ${mine.code}: ${mine.err.trim() || mine.out.slice(0, 200)}` };
  }
  if (mine.code !== 0) return { label, equal: false, why: `we failed: ${mine.err.trim()}` };
  const why = sameUpToTies(mine.out, escapeControls(theirs.stdout));
  return { label, equal: why === '', why };
}

test('every report on the external corpus equals go tool pprof (ties as sets)', { timeout: 1_800_000 }, async () => {
  const outcomes: Outcome[] = [];
  for (const file of externalProfiles()) {
    const raw = await pprof(file, ['-raw']);
    const types = raw.status === 0 ? rawSampleTypes(raw.stdout).length : 0;
    for (const c of corpusCases(file, types)) {
      for (const symbolize of [[], ['-symbolize=none']]) {
        // -symbolize=none only changes names: top at functions granularity shows it.
        if (symbolize.length > 0 && !(c.ours[0] === 'top' && c.ours.length <= 4 && !c.ours.includes('--granularity'))) continue;
        outcomes.push(await compare(c, symbolize));
      }
    }
  }
  for (const c of diffCases()) outcomes.push(await compare(c, []));
  const failed = outcomes.filter((o) => !o.equal);
  const summary = `${outcomes.length - failed.length} of ${outcomes.length} reports equal on ${externalProfiles().length} files`;
  console.log(summary);
  if (process.env.CORPUS_REPORT) for (const f of failed) console.log(`DIFF ${f.label}\n  ${f.why.split('\n').slice(0, 6).join('\n  ')}`);
  assert.deepEqual(failed.map((f) => `${f.label}: ${f.why.split('\n').slice(0, 4).join(' / ')}`), [], summary);
});
