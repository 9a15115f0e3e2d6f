/**
 * The external corpus: every report case on pprof files written by other projects (Java, .NET,
 * Node.js, Python, Ruby, Rust, C++, Go; Pyroscope, Parca, dd-trace-go, google/pprof's own test
 * data, legacy formats included) against `go tool pprof` run on the same file, with pprof's
 * default symbolization (names simplified) and with -symbolize=none. Text must be equal byte
 * for byte, rows that pprof orders at random among equals compared as sets (see pprof-ties.ts);
 * when pprof fails, we fail with its message. Ours runs as into a pipe: control characters
 * written as they are, as pprof writes them (analysis/printable.ts; a terminal gets escapes), and
 * bytes that are not UTF-8 written back raw (cli/raw-output.ts). Both outputs are then read as
 * UTF-8 text, the goldens' form (the bytes themselves: test/go/cli/controls.test.ts).
 * Goldens: test/fidelity/golden-external.
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { main } from '../../../src/cli/main';
import { rawBytes } from '../../../src/cli/raw-output';
import { corpusCases, diffCases, externalGoldenRoot, externalProfiles, externalRoot, rawSampleTypes, type CorpusCase } from '../../support/external-corpus';
import { runPprof } from '../../support/go-pprof';
import { pprofThroughGoldens, type PprofResult } from '../../support/pprof-golden';
import { sameUpToTies } from '../../support/pprof-ties';

function pprof(file: string, flags: readonly string[]): Promise<PprofResult> {
  return pprofThroughGoldens(file, flags, () => runPprof([...flags, file], 120_000), { root: externalGoldenRoot });
}

/** Our report as the CLI writes it into a pipe (src/cli.ts), read back as pprof's output is. */
async function ours(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const chunks: Uint8Array[] = [];
  let err = '';
  const code = await main(args, {
    out: (text) => chunks.push(Buffer.from(rawBytes(text))),
    outBytes: (bytes) => chunks.push(bytes),
    err: (text) => (err += text),
    controls: 'raw',
  });
  return { code, out: Buffer.concat(chunks).toString('utf8'), err };
}

/** pprof's reason for failing: its error line, without the symbolization notes and its closing line. */
function pprofMessage(stderr: string): string {
  const noise = /^(Local symbolization failed|Some binary filenames|Try setting PPROF_BINARY_PATH|Main binary filename|failed to fetch any source profiles)/;
  return stderr.split('\n').find((l) => l.trim() !== '' && !noise.test(l)) ?? '';
}

/** A legacy format pprof reads and we refuse by name (sniff.ts): counted apart, see the README. */
const LEGACY_REFUSAL = /the input is a legacy .*, which is not supported/;

interface Outcome {
  readonly label: string;
  readonly equal: boolean;
  readonly legacy: boolean;
  readonly why: string;
}

async function compare(c: CorpusCase, symbolize: readonly string[]): Promise<Outcome> {
  const file = c.ours[1]!;
  const label = `${c.ours[0]} ${relative(externalRoot, file)} ${[...c.ours.slice(2), ...symbolize.map((s) => s.replace('-symbolize', '--symbolize'))].join(' ')}`;
  const theirs = await pprof(file, [...symbolize, ...c.theirs]);
  const mine = await ours([...c.ours, ...symbolize.map((s) => s.replace('-symbolize', '--symbolize'))]);
  if (theirs.status !== 0) {
    const message = pprofMessage(theirs.stderr);
    // A file pprof cannot read: we must refuse it too, naming it (our reasons are worded our way).
    // A report pprof refuses ("no matches found for regexp: ..."): its message exactly.
    const unreadable = message.startsWith(`${file}: `);
    const equal = mine.code === 2 && mine.err.includes(unreadable ? file : message);
    return { label, equal, legacy: false, why: equal ? '' : `pprof failed (${message}); we exited ${mine.code}: ${mine.err.trim() || mine.out.slice(0, 200)}` };
  }
  if (mine.code !== 0) return { label, equal: false, legacy: LEGACY_REFUSAL.test(mine.err), why: `we failed: ${mine.err.trim()}` };
  const why = sameUpToTies(mine.out, theirs.stdout);
  return { label, equal: why === '', legacy: false, why };
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
  const legacy = outcomes.filter((o) => o.legacy);
  const failed = outcomes.filter((o) => !o.equal && !o.legacy);
  const equal = outcomes.filter((o) => o.equal).length;
  const summary =
    `${equal} of ${outcomes.length} reports equal on ${externalProfiles().length} files; ` +
    `${legacy.length} on legacy text/binary formats pprof reads and we refuse by name; ${failed.length} differ`;
  console.log(summary);
  if (process.env.CORPUS_REPORT) for (const f of [...failed, ...legacy]) console.log(`DIFF ${f.label}\n  ${f.why.split('\n').slice(0, 6).join('\n  ')}`);
  assert.deepEqual(failed.map((f) => `${f.label}: ${f.why.split('\n').slice(0, 4).join(' / ')}`), [], summary);
});
