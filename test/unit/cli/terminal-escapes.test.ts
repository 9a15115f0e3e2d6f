// Control characters in a profile's strings (ESC sequences, BEL, CR, LF, tab, DEL, the C1 CSI)
// never reach a terminal raw from go-profiler's text reports or its error line: with stdout a
// terminal (src/cli.ts: controls 'escape', also main's default) they are written as escapes
// (\x1b, \x07, \r, \n, \t, \x7f, \u009b). Into a pipe or a file (controls 'raw') the reports
// write them as they are, as `go tool pprof` does (byte for byte against pprof, and through a
// real pseudo-terminal: test/go/cli/controls.test.ts); the error line stays escaped. --json keeps
// the strings exact (JSON escapes them itself) either way.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { Controls } from '../../../src/analysis/printable';
import { main } from '../../../src/cli/main';
import { buildProfile, encodeProfile } from '../../support/profile-builder';

const scratch = mkdtempSync(join(tmpdir(), 'go-profiler-escapes-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
const file = join(scratch, 'hostile.pb');
/** A base in which only main.main has samples: every hostile function grew (the diff --fail-above gate). */
const base = join(scratch, 'base.pb');

/** Every control character a terminal acts on, in one name each. */
const HOSTILE = {
  csi: 'main.red\u001b[31mX\u001b[0m',
  title: 'main.title\u001b]0;owned\u0007',
  bell: 'main.bell\u0007',
  cr: 'main.overwrite\rmain.fake',
  lf: 'main.newline\nmain.fake',
  tab: 'main.tab\tX',
  del: 'main.del\u007fX',
  c1: 'main.c1\u009b31mX',
};
const ESCAPED: Record<keyof typeof HOSTILE, string> = {
  csi: 'main.red\\x1b[31mX\\x1b[0m',
  title: 'main.title\\x1b]0;owned\\x07',
  bell: 'main.bell\\x07',
  cr: 'main.overwrite\\rmain.fake',
  lf: 'main.newline\\nmain.fake',
  tab: 'main.tab\\tX',
  del: 'main.del\\x7fX',
  c1: 'main.c1\\u009b31mX',
};

before(() => {
  // Built with placeholders (the builder's frame syntax has no room for whitespace), then renamed.
  const names = Object.values(HOSTILE);
  const built = buildProfile({
    sampleTypes: [['samples', 'count'], ['evil-type', 'c-unit']],
    comments: ['comment-placeholder'],
    binary: '/bin/prog-placeholder',
    samples: names.map((_, i) => ({
      stack: [`main.H${i} main.go:1`, 'main.main main.go:2'],
      values: [i + 1, 10 * (i + 1)],
      labels: { 'k-ey': `value-${i}` },
    })),
  });
  const renamed = new Map<string, string>([
    ...names.map((name, i): [string, string] => [`main.H${i}`, name]),
    ['evil-type', 'evil\u001b[2Jtype'],
    ['c-unit', 'c\u0007unit'],
    ['comment-placeholder', 'comment \u001b[1mbold\u001b[0m'],
    ['/bin/prog-placeholder', '/bin/prog\u001b[5m'],
    ['k-ey', 'k\u001bey'],
    ...names.map((_, i): [string, string] => [`value-${i}`, `v\u0007al\n${i}`]),
  ]);
  const rename = (s: string): string => renamed.get(s) ?? s;
  const profile = {
    ...built,
    strings: built.strings.map(rename),
    sampleTypes: built.sampleTypes.map((t) => ({ type: rename(t.type), unit: rename(t.unit) })),
    comments: built.comments.map(rename),
    mappings: built.mappings.map((m) => ({ ...m, filename: rename(m.filename) })),
  };
  writeFileSync(file, encodeProfile(profile));
  writeFileSync(base, encodeProfile(buildProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: ['main.main main.go:2'], values: [1] }] })));
});

/** go-profiler ARGS as with stdout a terminal (`controls` 'escape'; undefined: main's default) or a pipe ('raw'). */
async function goProfiler(args: readonly string[], controls?: Controls): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { out: (text: string) => (stdout += text), err: (text: string) => (stderr += text) };
  const code = await main(args, controls === undefined ? io : { ...io, controls });
  return { code, stdout, stderr };
}

/** Control characters other than the line breaks (and, in pprof's tree legend, the tabs) of the report itself. */
function rawControls(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('      flat  flat%   sum%        cum   cum%   calls calls% + context'))
    .flatMap((line) => [...line.matchAll(/\p{Cc}/gu)].map((m) => `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(line)}`));
}

const REPORTS = [['top'], ['top', '--sample-index', '1'], ['tree'], ['peek', 'main\\.'], ['traces'], ['folded'], ['tags'], ['diff', '--base', 'FILE']];

for (const args of REPORTS) {
  test(`go-profiler ${args.join(' ')} on a terminal: no raw control character; every name shown escaped`, async () => {
    const [command, ...rest] = args;
    const r = await goProfiler([command!, file, ...rest.map((a) => (a === 'FILE' ? file : a))], 'escape');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(rawControls(r.stdout), []);
    const expected = command === 'folded'
      ? Object.entries(ESCAPED).map(([k, e]) => (k === 'cr' || k === 'lf' ? e.replace(/\\[rn]/, ' ') : e.replace(';', ':')))
      : Object.values(ESCAPED);
    if (command !== 'diff' && command !== 'tags') for (const name of expected) assert.ok(r.stdout.includes(name), `${name} in\n${r.stdout}`);
    if (command === 'traces') assert.ok(r.stdout.includes('k\\x1bey:  v\\x07al\\n0'), r.stdout);
    if (command === 'tags') assert.match(r.stdout, /^ *k\\x1bey: Total [^\n]*\n(?:.* v\\x07al\\n\d\n){8}/, r.stdout);
    if (command === 'top' && rest.length > 0) assert.match(r.stdout, /^Type: evil\\x1b\[2Jtype$/m);
  });
}

for (const args of REPORTS) {
  test(`go-profiler ${args.join(' ')} into a pipe: every name written as it is, as pprof writes it`, async () => {
    const [command, ...rest] = args;
    const argv = [command!, file, ...rest.map((a) => (a === 'FILE' ? file : a))];
    const r = await goProfiler(argv, 'raw');
    assert.equal(r.code, 0, r.stderr);
    const expected = command === 'folded'
      ? Object.values(HOSTILE).map((name) => name.replace(/[\r\n]/, ' ').replace(';', ':'))
      : Object.values(HOSTILE);
    if (command !== 'diff' && command !== 'tags') for (const name of expected) assert.ok(r.stdout.includes(name), `${JSON.stringify(name)} in\n${r.stdout}`);
    if (command === 'traces') assert.ok(r.stdout.includes('k\u001bey:  v\u0007al\n0'), r.stdout);
    if (command === 'tags') assert.ok(r.stdout.split('\n').some((line) => line.trimStart().startsWith('k\u001bey: Total ')), r.stdout);
    if (command === 'top') assert.ok(r.stdout.startsWith('File: prog\u001b[5m\n'), r.stdout);
    // Only the profile's strings change: the same report escaped, with its escapes written back,
    // is this one (but for the padding of columns, whose widths follow the escaped unit's length).
    const escaped = await goProfiler(argv, 'escape');
    assert.notEqual(escaped.stdout, r.stdout);
    const spaced = (text: string): string => text.replace(/^ +/gm, '').replace(/ +/g, ' ');
    assert.equal(spaced(unescape(escaped.stdout)), spaced(r.stdout));
  });
}

/** The escapes of the test profile's strings back as the characters they stand for (folded turned CR and LF into spaces before). */
function unescape(text: string): string {
  const named: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
  return text.replace(/\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|([nrt]))/g, (_, x?: string, u?: string, c?: string) =>
    c !== undefined ? named[c]! : String.fromCharCode(parseInt(x ?? u!, 16)),
  );
}

test('with nothing said about stdout, main escapes (the safe side); the header (binary, comments) too; --json keeps the exact names', async () => {
  const text = await goProfiler(['top', file]);
  assert.match(text.stdout, /^File: prog\\x1b\[5m$/m);
  assert.match(text.stdout, /^comment \\x1b\[1mbold\\x1b\[0m$/m);
  const json = await goProfiler(['top', file, '--json']);
  const rows = (JSON.parse(json.stdout) as { rows: { name: string }[] }).rows.map((r) => r.name);
  for (const name of Object.values(HOSTILE)) assert.ok(rows.includes(name), JSON.stringify(name));
  const traces = JSON.parse((await goProfiler(['traces', file, '--json'])).stdout) as { rows: { frames: { name: string }[] }[] };
  assert.deepEqual(traces.rows.map((r) => r.frames[0]!.name), Object.values(HOSTILE));
  for (const command of ['top', 'traces', 'tree', 'folded', 'tags']) {
    assert.equal((await goProfiler([command, file, '--json'], 'raw')).stdout, (await goProfiler([command, file, '--json'], 'escape')).stdout, `${command} --json`);
  }
});

test('an error line quoting the profile\'s strings is escaped, stdout a terminal or a pipe', async () => {
  for (const controls of ['escape', 'raw'] as const) {
    const r = await goProfiler(['top', file, '--sample-index', 'nope'], controls);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'go-profiler: sample_index "nope" must be one of: [samples evil\\x1b[2Jtype]\n', controls);
  }
});

test('the diff --fail-above gate names its offenders escaped on a terminal, as they are into a pipe', async () => {
  const argv = ['diff', file, '--base', base, '--fail-above', '1'];
  const terminal = await goProfiler(argv, 'escape');
  assert.equal(terminal.code, 1, terminal.stderr);
  assert.deepEqual(rawControls(terminal.stdout), []);
  for (const name of Object.values(ESCAPED)) assert.ok(terminal.stdout.includes(name), `${name} in\n${terminal.stdout}`);
  const pipe = await goProfiler(argv, 'raw');
  assert.equal(pipe.code, 1, pipe.stderr);
  for (const name of Object.values(HOSTILE)) assert.ok(pipe.stdout.includes(name), `${JSON.stringify(name)} in\n${pipe.stdout}`);
});

test('list names its routines escaped on a terminal, as they are into a pipe (the source text is the file\'s own)', async () => {
  const terminal = await goProfiler(['list', 'main\\.', file], 'escape');
  assert.equal(terminal.code, 0, terminal.stderr);
  assert.deepEqual(rawControls(terminal.stdout), []);
  for (const name of Object.values(ESCAPED)) assert.ok(terminal.stdout.includes(`ROUTINE ======================== ${name} in main.go\n`), `${name} in\n${terminal.stdout}`);
  const pipe = await goProfiler(['list', 'main\\.', file], 'raw');
  assert.equal(pipe.code, 0, pipe.stderr);
  for (const name of Object.values(HOSTILE)) assert.ok(pipe.stdout.includes(`ROUTINE ======================== ${name} in main.go\n`), `${JSON.stringify(name)} in\n${pipe.stdout}`);
});
