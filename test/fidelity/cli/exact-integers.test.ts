// Values past 2^53 stay exact: a profile with 2^53+1 and int64's max (made with the profile
// builder, checked against `go tool pprof -raw`, which lists sample values exactly). go-profiler
// prints the true integers, in --json always and in text wherever a value prints unscaled;
// before, 2^53+1 printed as 9007199254740992 and int64 max as 9223372036854775808 (text) and
// 9223372036854776000 (--json). `go tool pprof`'s own text reports print values through
// float64, so they round; every other character of the report is the same.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { decodeProfile } from '../../../src/pprof/index';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { bundleCli } from '../../support/cli-bundle';
import { goPprofRaw } from '../../support/go-pprof';
import { buildProfile, encodeProfile } from '../../support/profile-builder';

const TWO_53_PLUS_1 = 2n ** 53n + 1n;
const INT64_MAX = 2n ** 63n - 1n;

const scratch = mkdtempSync(join(tmpdir(), 'go-profiler-exact-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
const file = join(scratch, 'big-values.pb');
let cli: string;

before(async () => {
  cli = await bundleCli();
  const profile = buildProfile({
    sampleTypes: [['samples', 'count'], ['events', 'count']],
    samples: [
      { stack: ['main.a f.go:10', 'main.c f.go:30'], values: [TWO_53_PLUS_1, 0] },
      { stack: ['main.b f.go:20', 'main.c f.go:30'], values: [2, INT64_MAX] },
    ],
  });
  writeFileSync(file, encodeProfile(profile));
});

function goProfiler(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)));
  });
}

test('the decoder keeps values past 2^53 exactly beside their float64; go tool pprof -raw lists the same', async () => {
  const p = decodeProfile(readFileSync(file), { source: file, inflate: inflateNode });
  assert.deepEqual([...(p.samples.exactValues ?? new Map<number, bigint>())], [[0, TWO_53_PLUS_1], [3, INT64_MAX]]);
  const raw = await goPprofRaw(file, ['-raw']);
  assert.match(raw, new RegExp(`^ +${TWO_53_PLUS_1} +0: 1 2 $`, 'm'));
  assert.match(raw, new RegExp(`^ +2 +${INT64_MAX}: 3 2 $`, 'm'));
});

test('--json prints the true integers in every report', async () => {
  const sum = TWO_53_PLUS_1 + 2n;
  const cases: [string[], string[]][] = [
    [['top', '--sample-index', 'samples'], [`"total":${sum}`, `"flat":${TWO_53_PLUS_1},"cum":${TWO_53_PLUS_1}`, `"cum":${sum}`]],
    [['top', '--sample-index', 'events'], [`"total":${INT64_MAX}`, `"flat":${INT64_MAX},"cum":${INT64_MAX}`]],
    [['tree', '--sample-index', 'samples'], [`"total":${sum}`, `"weight":${TWO_53_PLUS_1}`, `"cum":${sum}`]],
    [['peek', 'main\\.a', '--sample-index', 'samples'], [`"flat":${TWO_53_PLUS_1}`]],
    [['traces', '--sample-index', 'samples'], [`"value":${TWO_53_PLUS_1}`, `"total":${sum}`]],
    [['traces', '--sample-index', 'events'], [`"value":${INT64_MAX}`]],
    [['folded', '--sample-index', 'samples'], [`"stack":["main.c","main.a"],"value":${TWO_53_PLUS_1}`]],
    [['diff', '--base', file], ['"total":0,"rows":[]']],
  ];
  for (const [[command, ...rest], expected] of cases) {
    const out = await goProfiler([command!, file, '--json', ...rest]);
    JSON.parse(out);
    for (const text of expected) assert.ok(out.includes(text), `${command} ${rest.join(' ')}: ${text} in ${out}`);
  }
});

test('text reports print the true integers where pprof prints them rounded through float64, and agree otherwise', async () => {
  for (const [command, pprofFlag, sampleIndex] of [['top', '-top', 'samples'], ['top', '-top', 'events'], ['tree', '-tree', 'samples'], ['traces', '-traces', 'events']] as const) {
    const ours = await goProfiler([command, file, '--sample-index', sampleIndex]);
    const pprof = await goPprofRaw(file, [pprofFlag, `-sample_index=${sampleIndex}`]);
    const ourLines = ours.split('\n');
    const pprofLines = pprof.split('\n');
    assert.equal(ourLines.length, pprofLines.length, `${command} ${sampleIndex}:\n${ours}\n${pprof}`);
    ourLines.forEach((line, i) => {
      const numbers = line.match(/\d{16,}/g) ?? [];
      // Each long integer we print, rounded to float64 as pprof does, is what pprof printed.
      const rounded = numbers.reduce((text, n) => text.replace(n, BigInt(Number(n)).toString()), line);
      assert.equal(rounded.replace(/ +/g, ' '), pprofLines[i]!.replace(/ +/g, ' '), `${command} ${sampleIndex}, line ${i + 1}`);
    });
    for (const exact of sampleIndex === 'samples' ? [TWO_53_PLUS_1, TWO_53_PLUS_1 + 2n] : [INT64_MAX]) {
      assert.ok(ours.includes(String(exact)), `${command} ${sampleIndex}: ${exact} in\n${ours}`);
    }
  }
});
