/**
 * The `go-profiler` command, bundled as dist/cli.js is and run as a child process: its --json
 * rows and its text reports against the real `go tool pprof`, and its exit code 2 with one line
 * on bad input.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCli } from '../../support/cli-bundle';
import { ensureGoFixtures, repoRoot, type GoFixtures } from '../../support/go-fixtures';
import { goPprofRaw, goPprofTop, type GoPprofOptions } from '../../support/go-pprof';
import { encodeWithProtobufjs } from '../../support/protobuf-reference';
import { THREADS_VARIABLE } from '../../../src/cli/top-threads';

const scratch = mkdtempSync(join(tmpdir(), 'go-profiler-cli-test-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
let cli: string;
const large = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');
let fixtures: GoFixtures;

before(async () => {
  cli = await bundleCli();
  fixtures = await ensureGoFixtures();
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI; `threads` forces `go-profiler top` to one or two threads (else it picks by file size). */
function goProfiler(args: readonly string[], threads?: 1 | 2): Promise<CliRun> {
  const env = threads === undefined ? process.env : { ...process.env, [THREADS_VARIABLE]: String(threads) };
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

interface JsonReport {
  sampleType: string;
  unit: string;
  total: number;
  rows: { name: string; file: string; line: number; flat: number; cum: number }[];
}

async function compareJsonTop(file: string, flags: string[], options: GoPprofOptions, threads?: 1 | 2): Promise<void> {
  const r = await goProfiler(['top', file, '--json', ...flags], threads);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'nothing on stderr (a failed helper thread would leave a note)');
  const report = JSON.parse(r.stdout) as JsonReport;
  const top = await goPprofTop(file, options);
  assert.equal(report.sampleType, top.sampleType.type);
  assert.equal(report.unit, top.sampleType.unit);
  assert.equal(report.total, top.total);
  assert.deepEqual(
    report.rows.map((row) => ({ name: row.name, flat: row.flat, cum: row.cum })),
    top.rows.map((row) => ({ name: row.name, flat: row.flat, cum: row.cum })),
    `go-profiler top --json ${flags.join(' ')} ${file}`,
  );
  for (const row of report.rows) {
    assert.ok(Number.isInteger(row.flat) && Number.isInteger(row.cum) && typeof row.file === 'string');
  }
}

test('top --json rows equal go tool pprof -top rows, every row', async () => {
  await compareJsonTop(fixtures.cpu, [], {});
  await compareJsonTop(fixtures.heap, ['--sample-index', 'alloc_space', '--granularity', 'lines'], {
    sampleIndex: 'alloc_space',
    granularity: 'lines',
  });
  await compareJsonTop(fixtures.goroutine, ['--hide=runtime', '--focus', 'main'], { hide: 'runtime', focus: 'main' });
  await compareJsonTop(fixtures.cpu, ['--tagfocus', 'phase=recursion'], { tagFocus: 'phase=recursion' });
  await compareJsonTop(large, ['--sample-index', '1'], { sampleIndex: 1 });
});

test('diff --base / --diff-base rows equal go tool pprof -base / -diff_base', async () => {
  const r = await goProfiler(['diff', fixtures.heap, '--base', fixtures.allocs, '--sample-index', 'alloc_space', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  const top = await goPprofTop(fixtures.heap, { base: fixtures.allocs, sampleIndex: 'alloc_space' });
  assert.equal(report.total, top.total);
  const rows = (rs: readonly { name: string; flat: number; cum: number }[]): string[] => rs.map((x) => `${x.name} ${x.flat} ${x.cum}`);
  assert.deepEqual(rows(report.rows), rows(top.rows));
  await compareJsonTop(fixtures.cpu, ['--diff-base', fixtures.cpu], { diffBase: fixtures.cpu });
  await assertBadInput(['diff', fixtures.cpu], /--base/);
  await assertBadInput(['diff', fixtures.cpu, '--base', fixtures.heap], /incompatible/);
});

test('text reports equal go tool pprof byte for byte (top, tree, peek, traces; -cum, filters)', async () => {
  const cases: [string[], string[]][] = [
    [['top', fixtures.cpu], ['-top']],
    [['top', large], ['-top']],
    [['top', large, '--nodecount', '10', '--granularity', 'lines'], ['-top', '-nodecount=10', '-lines']],
    [['tree', fixtures.cpu], ['-tree']],
    [['tree', large], ['-tree']],
    [['tree', large, '--nodecount', '7'], ['-tree', '-nodecount=7']],
    [['peek', fixtures.cpu, 'main\\.p'], ['-peek=main\\.p']],
    [['peek', large, 'time\\.', '--granularity=lines'], ['-peek=time\\.', '-lines']],
    [['top', large, '--cum'], ['-top', '-cum']],
    [['top', fixtures.cpu, '--tagfocus', 'phase=hot', '--show', 'main'], ['-top', '-tagfocus=phase=hot', '-show=main']],
    [['tree', large, '--cum'], ['-tree', '-cum']],
    [['tree', fixtures.heap, '--sample-index', 'alloc_space', '--granularity', 'lines'], ['-tree', '-sample_index=alloc_space', '-lines']],
    [['peek', fixtures.goroutine, 'gopark', '--focus', 'main', '--hide', 'runtime\\.goexit'], ['-peek=gopark', '-focus=main', '-hide=runtime\\.goexit']],
    [['tree', fixtures.cpu, '--base', large], ['-tree', `-base=${large}`]],
    [['peek', fixtures.cpu, 'main', '--diff-base', large], ['-peek=main', `-diff_base=${large}`]],
    [['diff', fixtures.cpu, '--diff-base', large], ['-top', `-diff_base=${large}`]],
    [['traces', fixtures.heap], ['-traces']],
    [['traces', fixtures.goroutine], ['-traces']],
    // -traces written straight from the samples (analysis/traces-bytes.ts): tag filters, other
    // granularities and -noinlines (frames through the walk), and a name filter (the general path).
    [['traces', fixtures.cpu, '--tagfocus', 'phase=hot'], ['-traces', '-tagfocus=phase=hot']],
    [['traces', fixtures.cpu, '--granularity', 'lines'], ['-traces', '-lines']],
    [['traces', fixtures.heap, '--sample-index', 'alloc_space', '--noinlines'], ['-traces', '-sample_index=alloc_space', '-noinlines']],
    [['traces', fixtures.cpu, '--focus', 'main', '--hide', 'runtime\\.'], ['-traces', '-focus=main', '-hide=runtime\\.']],
  ];
  for (const [ours, theirs] of cases) {
    const file = ours[1]!;
    const r = await goProfiler(ours);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, await goPprofRaw(file, theirs), `go-profiler ${ours.join(' ')}`);
  }
});

test('folded prints root-first stacks whose values add up to the profile total', async () => {
  const r = await goProfiler(['folded', fixtures.cpu]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  const sum = lines.reduce((a, l) => a + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  const top = await goPprofTop(fixtures.cpu);
  assert.equal(sum, top.total);
  assert.ok(lines.every((l) => /^\S.*;.* \d+$/.test(l)));
});

test('peek, tree, traces and folded --json carry pprof\'s numbers as raw integers', async () => {
  const peek = await goProfiler(['peek', fixtures.cpu, 'main\\.p', '--json']);
  assert.equal(peek.code, 0, peek.stderr);
  const rows = (JSON.parse(peek.stdout) as { rows: { name: string; cum: number; callers: { name: string; weight: number }[] }[] }).rows;
  const text = await goPprofRaw(fixtures.cpu, ['-peek=main\\.p', '-unit=ns']);
  const nodeLines = text.split('\n').filter((l) => / \| main\.p/.test(l) && /%\s+\| /.test(l) && !/^\s{20}/.test(l));
  assert.deepEqual(
    rows.map((r) => `${r.name} ${r.cum}ns`),
    nodeLines.map((l) => `${l.slice(l.indexOf('| ') + 2)} ${l.trim().split(/\s+/)[3]}`),
  );
  assert.ok(rows.length >= 2, 'main.ping and main.pong match');
  assert.ok(rows.every((r) => r.callers.length > 0 && r.callers.every((c) => Number.isInteger(c.weight))));

  const tree = await goProfiler(['tree', fixtures.cpu, '--json']);
  const treeRows = (JSON.parse(tree.stdout) as JsonReport).rows;
  const top = await goPprofTop(fixtures.cpu);
  assert.deepEqual(new Set(treeRows.map((r) => r.name)), new Set(top.rows.map((r) => r.name)));

  const traces = await goProfiler(['traces', fixtures.goroutine, '--json']);
  const traceRows = (JSON.parse(traces.stdout) as { rows: { value: number; frames: { name: string }[] }[] }).rows;
  const pprofTraces = (await goPprofRaw(fixtures.goroutine, ['-traces'])).split('-----------+').length - 2;
  assert.equal(traceRows.length, pprofTraces);
  assert.equal(traceRows.reduce((a, t) => a + t.value, 0), (await goPprofTop(fixtures.goroutine)).total);

  const folded = await goProfiler(['folded', fixtures.cpu, '--json']);
  const foldedRows = (JSON.parse(folded.stdout) as { rows: { stack: string[]; value: number }[] }).rows;
  assert.equal(foldedRows.reduce((a, r) => a + r.value, 0), top.total);
});

async function assertBadInput(args: string[], mentions: RegExp, threads?: 1 | 2): Promise<void> {
  const r = await goProfiler(args, threads);
  assert.equal(r.code, 2, `exit code of go-profiler ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0]!, mentions);
}

test('bad input exits 2 with one line naming the problem', async () => {
  const missing = join(scratch, 'missing.pb.gz');
  await assertBadInput(['top', missing], new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*no such file`));
  const corrupt = join(scratch, 'corrupt.pb.gz');
  writeFileSync(corrupt, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02]));
  await assertBadInput(['top', corrupt], /corrupt\.pb\.gz/);
  const garbage = join(scratch, 'garbage.prof');
  writeFileSync(garbage, 'this is not a profile\n'.repeat(20));
  await assertBadInput(['tree', garbage], /garbage\.prof/);
  await assertBadInput(['top', fixtures.cpu, '--focus', '(unclosed'], /focus/);
  await assertBadInput(['peek', fixtures.cpu, '[z-a]'], /peek/);
  await assertBadInput(['top', fixtures.cpu, '--sample-index', 'no_such_type'], /no_such_type/);
  await assertBadInput(['top', fixtures.cpu, '--granularity', 'bytes'], /granularity/);
  await assertBadInput(['top', fixtures.cpu, '--no-such-flag'], /--no-such-flag/);
  await assertBadInput(['top'], /FILE/);
  await assertBadInput(['flame', fixtures.cpu], /unknown command "flame"/);
});

test('top split over two threads (as on big files) gives go tool pprof\'s rows and text', async () => {
  await compareJsonTop(fixtures.cpu, [], {}, 2);
  for (const sampleIndex of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']) {
    await compareJsonTop(fixtures.heap, ['--sample-index', sampleIndex, '--granularity', 'lines'], { sampleIndex, granularity: 'lines' }, 2);
  }
  await compareJsonTop(fixtures.goroutine, ['--hide=runtime', '--focus', 'main'], { hide: 'runtime', focus: 'main' }, 2);
  await compareJsonTop(large, ['--sample-index', '1'], { sampleIndex: 1 }, 2);
  for (const file of [large, fixtures.heap]) {
    const r = await goProfiler(['top', file], 2);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, await goPprofRaw(file, ['-top']), `go-profiler top ${file} (two threads)`);
  }
});

test('the helper thread runs the CLI bundle, not a wrapper script that node was started with', async () => {
  const wrapper = join(scratch, 'wrapper.cjs');
  writeFileSync(wrapper, `if (process.argv[2] === 'top') require(${JSON.stringify(cli)}); else console.error('wrapper: not top');\n`);
  const r = await new Promise<CliRun>((resolve) => {
    const env = { ...process.env, [THREADS_VARIABLE]: '2' };
    execFile(process.execPath, [wrapper, 'top', large, '--json'], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'no note of a failed helper, nothing from the wrapper run again');
  assert.equal((JSON.parse(r.stdout) as JsonReport).total, (await goPprofTop(large)).total);
});

/** A profile of `ids.length` one-location samples; location ids other than 1 and 2 point nowhere. */
function profileWithLocationIds(ids: readonly number[]): Uint8Array {
  return encodeWithProtobufjs({
    stringTable: ['', 'alloc_space', 'bytes', 'main.f', 'f.go'],
    sampleType: [{ type: 1, unit: 2 }],
    function: [{ id: 1, name: 3, systemName: 3, filename: 4, startLine: 1 }],
    location: [
      { id: 1, line: [{ functionId: 1, line: 10 }] },
      { id: 2, line: [{ functionId: 1, line: 20 }] },
    ],
    sample: ids.map((id, i) => ({ locationId: [id], value: [i + 1] })),
  } as never);
}

test('with two threads a bad sample is reported as with one: the first one in the file', async () => {
  const ok = Array.from({ length: 20 }, (_, i) => 1 + (i % 2));
  const laterFault = join(scratch, 'later-fault.pb');
  writeFileSync(laterFault, profileWithLocationIds(ok.map((id, i) => (i === 17 ? 99 : id))));
  const bothFaults = join(scratch, 'both-faults.pb');
  writeFileSync(bothFaults, profileWithLocationIds(ok.map((id, i) => (i === 3 ? 77 : i === 17 ? 99 : id))));
  for (const threads of [1, 2] as const) {
    await assertBadInput(['top', laterFault], /later-fault\.pb: .*sample #17 refers to location id 99, which is not in the profile$/, threads);
    await assertBadInput(['top', bothFaults], /both-faults\.pb: .*sample #3 refers to location id 77, which is not in the profile$/, threads);
    await assertBadInput(['top', fixtures.cpu, '--sample-index', 'no_such_type'], /no_such_type/, threads);
  }
  const fine = join(scratch, 'fine.pb');
  writeFileSync(fine, profileWithLocationIds(ok));
  const one = await goProfiler(['top', fine, '--json'], 1);
  const two = await goProfiler(['top', fine, '--json'], 2);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.stdout, one.stdout);
  assert.equal((JSON.parse(two.stdout) as JsonReport).total, 210);
});

test('--help prints the usage and exits 0', async () => {
  const r = await goProfiler(['--help']);
  assert.equal(r.code, 0);
  for (const command of ['top', 'tree', 'peek', 'traces', 'folded', 'diff', 'run']) assert.match(r.stdout, new RegExp(`go-profiler ${command}\\b`));
});
