// Editor hints in diff mode in a real VS Code: a block profile of examples/ compared with the
// mutex profile of the same run ("Compare with…"); the hints show the signed per-line change
// that the real `go tool pprof -list -diff_base` prints, with + or − in their text.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { eventually, profileViewType, repoRoot } from '../support';

function goPprof(file: string, args: readonly string[]): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'editor-hints-diff-pprof-'));
  const env = { ...process.env, HOME: home, PPROF_TMPDIR: home, PPROF_BINARY_PATH: home, BROWSER: 'false' };
  return new Promise((resolve, reject) =>
    execFile('go', ['tool', 'pprof', '-symbolize=none', ...args, file], { env, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`go tool pprof ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
}

/** "-8351ns" -> -8351; "." -> 0. */
function baseValue(text: string): number {
  if (text === '.') return 0;
  const m = /^(-?\d+)(ns)?$/.exec(text);
  assert.ok(m, `unexpected pprof value ${text}`);
  return Number(m[1]);
}

interface Snapshot {
  profile: string;
  query: { diff?: boolean };
  total: number;
  hints: { line: number; level: 'hot' | 'notable'; text: string }[];
  lines: { line: number; flat: number; cum: number }[];
}

function snapshot(uri: vscode.Uri): Promise<Snapshot | undefined> {
  return Promise.resolve(vscode.commands.executeCommand<Snapshot | undefined>('goProfiler.hints.snapshot', uri.toString()));
}

/** pprof -list lines of one example file: line -> {flat, cum} (non-zero only), and pprof's Total. */
async function pprofLines(profile: string, examples: string, rel: string, args: string[]): Promise<{ total: number; lines: [number, number, number][] }> {
  const p = await readProfileFile(profile);
  const trim = p.strings.map((s) => /^(.*\/home\/alice\/src\/hotspots)\//.exec(s)?.[1]).find((s) => s !== undefined);
  assert.ok(trim, 'captured under another path');
  const out = await goPprof(profile, ['-list=.', '-unit=ns', ...args, `-source_path=${examples}`, `-trim_path=${trim}`]);
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
  const rows = [...lines].filter(([, c]) => c.flat !== 0 || c.cum !== 0).sort((a, b) => a[0] - b[0]);
  return { total: baseValue(total), lines: rows.map(([l, c]) => [l, c.flat, c.cum]) };
}

describe('Editor hints in diff mode (real VS Code, real pprof -diff_base)', function () {
  this.timeout(120_000);
  let examples: string;
  let block: string;
  let mutex: string;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('goProfiler.hints');

  before(async () => {
    process.env.GOCACHE ??= join(homedir(), '.cache', 'go-build');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a folder is open');
    examples = join(folder, 'examples');
    if (!existsSync(join(examples, 'go.mod'))) {
      mkdirSync(examples, { recursive: true });
      cpSync(join(repoRoot, 'examples', 'go.mod'), join(examples, 'go.mod'));
      cpSync(join(repoRoot, 'examples', 'hotspots'), join(examples, 'hotspots'), { recursive: true });
    }
    const profiles = join(folder, 'editor-hints-diff');
    mkdirSync(profiles, { recursive: true });
    block = join(profiles, 'hotspots.block.pb.gz');
    mutex = join(profiles, 'hotspots.mutex.pb.gz');
    cpSync(join(repoRoot, 'examples', 'profiles', 'hotspots.block.pb.gz'), block);
    cpSync(join(repoRoot, 'examples', 'profiles', 'hotspots.mutex.pb.gz'), mutex);
    // Every costed line gets a hint (the small negative changes too).
    await config().update('notableThreshold', 0, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('notableThreshold', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('block compared with mutex: each file’s lines are pprof’s signed changes, the hint text carries + or −', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(block), profileViewType);
    await vscode.commands.executeCommand('goProfiler.compareWith', vscode.Uri.file(mutex));
    let signs = { plus: 0, minus: 0 };
    for (const rel of ['hotspots/mutex.go', 'hotspots/alloc.go']) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(join(examples, rel)));
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      const shown = await eventually(`diff hints in ${rel}`, async () => {
        const s = await snapshot(doc.uri);
        return s && s.profile === vscode.Uri.file(block).toString() && s.query.diff === true ? s : undefined;
      });
      const theirs = await pprofLines(block, examples, rel, ['-sample_index=1', `-diff_base=${mutex}`]);
      assert.ok(theirs.lines.length > 0, `pprof -diff_base costs lines of ${rel}`);
      assert.deepEqual(shown.lines.map((l) => [l.line, l.flat, l.cum]), theirs.lines, `${rel}: the lines and values of pprof -list -diff_base`);
      for (const [line, , cum] of theirs.lines) {
        if (cum === 0) continue;
        const hint = shown.hints.find((h) => h.line === line);
        assert.ok(hint, `${rel}:${line} has a hint`);
        assert.match(hint.text, cum > 0 ? /^\s+\+\S+ · \+\S+%$/ : /^\s+-\S+ · -\S+%$/, `${rel}:${line} (${cum}) "${hint.text}"`);
        signs = cum > 0 ? { ...signs, plus: signs.plus + 1 } : { ...signs, minus: signs.minus + 1 };
      }
    }
    assert.ok(signs.plus > 0 && signs.minus > 0, `both signs were checked (${JSON.stringify(signs)})`);
  });
});
