// Editor hints in a real VS Code: a real profile of examples/ captured under another path, the
// matching source opened here; hints, hotspot jumps and heap hints checked against the real
// `go tool pprof -list` on the same file.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { eventually, profileViewType, repoRoot } from '../support';

/** `go tool pprof -symbolize=none ARGS FILE` with a scratch home; its standard output. */
function goPprof(file: string, args: readonly string[]): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'editor-hints-pprof-'));
  const env = { ...process.env, HOME: home, PPROF_TMPDIR: home, PPROF_BINARY_PATH: home, BROWSER: 'false' };
  return new Promise((resolve, reject) =>
    execFile('go', ['tool', 'pprof', '-symbolize=none', ...args, file], { env, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`go tool pprof ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
}

/** A value pprof printed in a base unit (-unit=ns or -unit=B): "620000000ns" -> 620000000. */
function baseValue(text: string): number {
  if (text === '.') return 0;
  const m = /^(-?\d+)(ns|B)?$/.exec(text);
  assert.ok(m, `unexpected pprof value ${text}`);
  return Number(m[1]);
}

interface Snapshot {
  profile: string;
  total: number;
  stale?: string;
  hints: { line: number; level: 'hot' | 'notable'; text: string }[];
  lines: { line: number; flat: number; cum: number }[];
}

/** The demo module in the opened folder at examples/ (the Run with Profiler scenario may have put it there). */
function workspaceExamples(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'a folder is open');
  const to = join(folder, 'examples');
  if (!existsSync(join(to, 'go.mod'))) {
    mkdirSync(to, { recursive: true });
    cpSync(join(repoRoot, 'examples', 'go.mod'), join(to, 'go.mod'));
    cpSync(join(repoRoot, 'examples', 'hotspots'), join(to, 'hotspots'), { recursive: true });
  }
  const profiles = join(folder, 'editor-hints-host');
  mkdirSync(profiles, { recursive: true });
  for (const kind of ['cpu', 'heap']) {
    cpSync(join(repoRoot, 'examples', 'profiles', `hotspots.${kind}.pb.gz`), join(profiles, `hotspots.${kind}.pb.gz`));
  }
  return to;
}

/** Where the profile was captured: the module root of the colleague's copy. */
async function capturedRoot(profile: string): Promise<string> {
  const p = await readProfileFile(profile);
  const root = p.strings.map((s) => /^(.*\/home\/alice\/src\/hotspots)\//.exec(s)?.[1]).find((s) => s !== undefined);
  assert.ok(root, `${profile} was captured under /…/home/alice/src/hotspots`);
  return root;
}

interface PprofList {
  readonly total: number;
  readonly lines: Map<number, { flat: number; cum: number }>;
}

/** pprof -list for one example file: its total and line -> {flat, cum}, in the base unit. */
async function pprofLines(profile: string, examples: string, rel: string, args: string[]): Promise<PprofList> {
  const trim = await capturedRoot(profile);
  const out = await goPprof(profile, ['-list=.', ...args, `-source_path=${examples}`, `-trim_path=${trim}`]);
  const total = /^Total: (\S+)$/m.exec(out)?.[1];
  assert.ok(total, 'pprof printed the total');
  const lines = new Map<number, { flat: number; cum: number }>();
  let inFile = false;
  for (const text of out.split('\n')) {
    const routine = /^ROUTINE =+ .* in (.+)$/.exec(text);
    if (routine) {
      inFile = routine[1] === rel;
      continue;
    }
    const m = inFile ? /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(text) : null;
    if (!m) continue;
    const c = lines.get(Number(m[3])) ?? { flat: 0, cum: 0 };
    c.flat += baseValue(m[1]!);
    c.cum += baseValue(m[2]!);
    lines.set(Number(m[3]), c);
  }
  for (const [line, c] of lines) if (c.flat === 0 && c.cum === 0) lines.delete(line);
  return { total: baseValue(total), lines };
}

function snapshot(uri: vscode.Uri): Promise<Snapshot | undefined> {
  return Promise.resolve(vscode.commands.executeCommand<Snapshot | undefined>('goProfiler.hints.snapshot', uri.toString()));
}

async function showSource(path: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

function percent(value: number, total: number): string {
  return `${((Math.abs(value) / total) * 100).toFixed(2)}%`;
}

describe('Editor hints from the active profile (real VS Code, real pprof)', function () {
  this.timeout(120_000);
  let examples: string;
  let cpuProfile: string;
  let heapProfile: string;

  before(() => {
    process.env.GOCACHE ??= join(homedir(), '.cache', 'go-build');
    examples = workspaceExamples();
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    cpuProfile = join(folder, 'editor-hints-host', 'hotspots.cpu.pb.gz');
    heapProfile = join(folder, 'editor-hints-host', 'hotspots.heap.pb.gz');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('cpu.go shows the cum of every line pprof -list costs, hot lines red, through the path mapping', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(cpuProfile), profileViewType);
    const source = join(examples, 'hotspots', 'cpu.go');
    const editor = await showSource(source);
    const shown = await eventually('hints in cpu.go', async () => {
      const s = await snapshot(editor.document.uri);
      return s && s.profile === vscode.Uri.file(cpuProfile).toString() ? s : undefined;
    });
    const { lines: expected, total } = await pprofLines(cpuProfile, examples, 'hotspots/cpu.go', ['-unit=ns']);
    assert.ok(expected.size >= 3, 'pprof costs several lines of cpu.go');
    assert.equal(shown.total, total);
    assert.deepEqual(
      shown.lines.map((l) => [l.line, l.flat, l.cum]),
      [...expected].sort((a, b) => a[0] - b[0]).map(([line, c]) => [line, c.flat, c.cum]),
    );
    // Every line over 1% has a hint with pprof's share; the lines over 10% are hot.
    const want = [...expected]
      .filter(([, c]) => (c.cum / total) * 100 >= 1)
      .map(([line, c]) => ({ line, level: (c.cum / total) * 100 >= 10 ? 'hot' : 'notable', percent: percent(c.cum, total) }))
      .sort((a, b) => a.line - b.line);
    assert.deepEqual(
      shown.hints.map((h) => ({ line: h.line, level: h.level, percent: /· (\S+%)$/.exec(h.text)?.[1] })),
      want,
    );
    const hottest = [...expected].sort((a, b) => b[1].cum - a[1].cum)[0]![0];
    assert.equal(shown.hints.find((h) => h.line === hottest)?.level, 'hot', `pprof's hottest line ${hottest} is hot`);
    assert.equal(shown.stale, undefined, 'the copy matches the profiled source');
  });

  it('the hover of pprof’s hottest line gives flat and cum with pprof’s shares, the sample type and the callers', async () => {
    const source = vscode.Uri.file(join(examples, 'hotspots', 'cpu.go'));
    const { lines, total } = await pprofLines(cpuProfile, examples, 'hotspots/cpu.go', ['-unit=ns']);
    const [line, cost] = [...lines].sort((a, b) => b[1].flat - a[1].flat)[0]!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', source, new vscode.Position(line - 1, 2));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n')
      .replace(/\\/g, '');
    assert.match(text, /cpu/);
    assert.ok(text.includes(`| flat |`) && text.includes(percent(cost.flat, total)), `flat share ${percent(cost.flat, total)} in:\n${text}`);
    assert.ok(text.includes(percent(cost.cum, total)), `cum share ${percent(cost.cum, total)} in:\n${text}`);
    assert.match(text, /example\.com\/hotspots\/hotspots\.isPrime/);
    assert.match(text, /Callers[\s\S]*hotspots\.countPrimes/);
    assert.match(text, /command:goProfiler\.revealFunction/);
  });

  it('Go to Next Hotspot opens the line with the most flat cost pprof reports in the example', async () => {
    const files = ['cpu.go', 'main.go', 'alloc.go', 'mutex.go', 'leak.go'];
    let best = { file: '', line: 0, flat: -1 };
    for (const f of files) {
      for (const [line, c] of (await pprofLines(cpuProfile, examples, `hotspots/${f}`, ['-unit=ns'])).lines) {
        if (c.flat > best.flat) best = { file: f, line, flat: c.flat };
      }
    }
    await vscode.commands.executeCommand('goProfiler.nextHotspot');
    const active = await eventually('the hotspot editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === join(examples, 'hotspots', best.file) && e.selection.active.line === best.line - 1 ? e : undefined;
    });
    assert.equal(active.selection.active.line + 1, best.line);
  });

  it('a heap profile moves the hints: leak.go gets pprof’s lines of its default sample type, cpu.go none', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(heapProfile), profileViewType);
    const leak = await showSource(join(examples, 'hotspots', 'leak.go'));
    const shown = await eventually('heap hints in leak.go', async () => {
      const s = await snapshot(leak.document.uri);
      return s && s.profile === vscode.Uri.file(heapProfile).toString() ? s : undefined;
    });
    const { lines: expected } = await pprofLines(heapProfile, examples, 'hotspots/leak.go', ['-unit=B']);
    assert.ok(expected.size > 0);
    assert.deepEqual(
      shown.lines.map((l) => [l.line, l.flat, l.cum]),
      [...expected].sort((a, b) => a[0] - b[0]).map(([line, c]) => [line, c.flat, c.cum]),
    );
    const cpu = await showSource(join(examples, 'hotspots', 'cpu.go'));
    await eventually('no heap hints in cpu.go', async () => ((await snapshot(cpu.document.uri)) === undefined ? true : undefined));
  });
});
