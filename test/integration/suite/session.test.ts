// Run with Profiler inside a real VS Code: real Go builds of test/fixtures/go-session, driven
// through the extension's own commands (the same ones the Sessions view and CodeLens call).
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { topTable } from '../../../src/analysis/top';
import { startProgram, type RunningProgram } from '../../../src/capture/process';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { eventually, repoRoot, useTemporaryProfilesFolder } from '../support';

const fixture = join(repoRoot, 'test', 'fixtures', 'go-session');
const burnerDir = join(fixture, 'burner');

interface StartedRun {
  sessionId: string;
  pid: number;
  finished: Promise<string[]>;
}

function sidecarOf(profilePath: string): { program: string; capture: { kind: string; source: string } } {
  return JSON.parse(readFileSync(profilePath.replace(/\.(pb\.gz|trace)$/, '.json'), 'utf8')) as { program: string; capture: { kind: string; source: string } };
}

async function topFlat(path: string): Promise<string> {
  const rows = topTable(await readProfileFile(path), {}).rows;
  assert.ok(rows.length > 0, `${path} has no samples`);
  return [...rows].sort((a, b) => b.flat - a.flat)[0]!.name;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Run with Profiler (real Go in the extension host)', function () {
  this.timeout(240_000);
  const profiles = useTemporaryProfilesFolder('go-profiler-session-');

  it('runs a program, records CPU start/stop and heap, saves with sidecars, refuses a second CPU recording, stops the process', async () => {
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, wholeRun: false });
    assert.ok(run, 'goProfiler.run started no session');
    assert.ok(isAlive(run.pid));
    const target = { sessionId: run.sessionId };
    assert.equal(await vscode.commands.executeCommand('goProfiler.session.startCpu', target), true);
    assert.equal(await vscode.commands.executeCommand('goProfiler.session.startCpu', target), false, 'a second CPU recording must be refused');
    await sleep(1500);
    const cpu = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.stopCpu', target);
    const heap = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { ...target, kind: 'heap' });
    assert.ok(cpu && heap, `cpu ${cpu}, heap ${heap}`);
    for (const [path, kind] of [[cpu, 'cpu'], [heap, 'heap']] as const) {
      assert.ok(path.startsWith(profiles.path) && existsSync(path), path);
      assert.deepEqual({ program: sidecarOf(path).program, kind: sidecarOf(path).capture.kind }, { program: 'burner', kind });
    }
    assert.equal(await topFlat(cpu), 'main.spinPrimes');
    assert.equal(await topFlat(heap), 'main.keepBlocks');
    assert.equal(await vscode.commands.executeCommand('goProfiler.session.stop', target), true);
    assert.equal(isAlive(run.pid), false, `burner (pid ${run.pid}) is still running after Stop`);
    await run.finished;
  });

  it('examples/hotspots: Mutex (2 s window) shows the contended lock in contend, Goroutines lists the leaked waitForJob workers', async () => {
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: join(repoRoot, 'examples', 'hotspots'), args: ['-duration', '2m'] });
    assert.ok(run);
    try {
      const target = { sessionId: run.sessionId };
      const mutex = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { ...target, kind: 'mutex', seconds: 2 });
      const goroutine = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { ...target, kind: 'goroutine' });
      assert.ok(mutex && goroutine);
      const mutexRows = topTable(await readProfileFile(mutex), {}).rows;
      assert.ok(mutexRows.some((r) => r.name.startsWith('main.contend') && r.cum > 0), `mutex rows: ${mutexRows.map((r) => r.name).join(', ')}`);
      const goroutineRows = topTable(await readProfileFile(goroutine), {}).rows;
      assert.ok(goroutineRows.some((r) => r.name === 'main.waitForJob' && r.flat + r.cum > 0));
      assert.match(readFileSync(goroutine.replace(/\.pb\.gz$/, '.txt'), 'utf8'), /main\.waitForJob/);
    } finally {
      await vscode.commands.executeCommand('goProfiler.session.stop', { sessionId: run.sessionId });
    }
    assert.equal(isAlive(run.pid), false);
  });

  it('whole-run mode saves CPU, heap and allocs when a 300 ms program returns from main', async () => {
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, args: ['-duration', '300ms'], wholeRun: true });
    assert.ok(run);
    const paths = await run.finished;
    assert.deepEqual(paths.map((p) => sidecarOf(p).capture.kind), ['cpu', 'heap', 'allocs']);
    assert.ok(paths.every((p) => sidecarOf(p).capture.source === 'whole-run' && existsSync(p)));
  });

  it('a goProfiler.goPath that is not an executable refuses to run (the message offers Open Settings)', async () => {
    const config = vscode.workspace.getConfiguration('goProfiler');
    await config.update('goPath', '/nonexistent/bin/go', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(await vscode.commands.executeCommand('goProfiler.run', { packageDir: burnerDir }), undefined);
    } finally {
      await config.update('goPath', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a build error lands in the Problems panel and starts no session', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'go-profiler-broken-'));
    try {
      writeFileSync(join(broken, 'go.mod'), 'module example.com/broken\n\ngo 1.21\n');
      writeFileSync(join(broken, 'main.go'), 'package main\n\nfunc main() {\n\tnope()\n}\n');
      const run = await vscode.commands.executeCommand('goProfiler.run', { packageDir: broken });
      assert.equal(run, undefined);
      const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.file(join(broken, 'main.go')));
      assert.deepEqual(
        diagnostics.map((d) => [d.range.start.line, d.message]),
        [[3, 'undefined: nope']],
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('the program dying during a Block capture fails that capture only; the heap taken before is kept', async () => {
    const run = await vscode.commands.executeCommand<StartedRun | undefined>('goProfiler.run', { packageDir: burnerDir, wholeRun: false });
    assert.ok(run);
    const target = { sessionId: run.sessionId };
    const heap = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { ...target, kind: 'heap' });
    assert.ok(heap);
    const block = vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { ...target, kind: 'block', seconds: 30 });
    await sleep(1000);
    process.kill(run.pid, 'SIGKILL');
    assert.equal(await block, undefined);
    await run.finished;
    assert.ok(existsSync(heap) && existsSync(heap.replace(/\.pb\.gz$/, '.json')));
    assert.equal(await vscode.commands.executeCommand('goProfiler.session.capture', { ...target, kind: 'heap' }), undefined, 'the ended session still takes captures');
  });

  it('Recent Profiles: Import copies a profile into the folder with an import sidecar; Rename moves it with its sidecar', async () => {
    const imported = await vscode.commands.executeCommand<string[]>('goProfiler.recent.import', [vscode.Uri.file(join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz'))]);
    assert.equal(imported.length, 1);
    const [path] = imported as [string];
    assert.ok(path.startsWith(profiles.path));
    assert.equal(sidecarOf(path).capture.source, 'import');
    const renamed = await vscode.commands.executeCommand<string | undefined>('goProfiler.recent.rename', { profilePath: path }, 'before-the-fix');
    assert.equal(renamed, join(profiles.path, 'before-the-fix.pb.gz'));
    assert.equal(existsSync(path), false);
    assert.equal(sidecarOf(renamed).program, 'large.cpu');
  });

  describe('attach to a service serving net/http/pprof', () => {
    let served: RunningProgram | undefined;
    after(async () => {
      await served?.stop();
    });

    it('captures CPU for 1 s and goroutines (with the debug=2 text) through the URL; unreachable URLs are refused', async () => {
      const build = join(mkdtempSync(join(tmpdir(), 'go-profiler-served-')), 'served');
      const { runTool } = await import('../../../src/capture/process');
      const built = await runTool('go', ['build', '-o', build, '.'], { cwd: join(fixture, 'served') });
      assert.equal(built.code, 0, built.stderr);
      served = startProgram(build, [], { stdio: 'pipe' });
      let out = '';
      served.child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
      const url = await eventually('the pprof URL', () => /pprof (\S+)/.exec(out)?.[1]);

      assert.equal(await vscode.commands.executeCommand('goProfiler.attach', 'http://127.0.0.1:1'), undefined);
      const sessionId = await vscode.commands.executeCommand<string | undefined>('goProfiler.attach', url);
      assert.ok(sessionId);
      const cpu = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { sessionId, kind: 'cpu', seconds: 1 });
      const goroutine = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { sessionId, kind: 'goroutine' });
      assert.ok(cpu && goroutine);
      assert.equal(await topFlat(cpu), 'main.servedSpin');
      assert.equal(sidecarOf(cpu).capture.source, 'attach');
      assert.match(readFileSync(goroutine.replace(/\.pb\.gz$/, '.txt'), 'utf8'), /main\.servedSpin|goroutine \d+/);
      assert.equal(await vscode.commands.executeCommand('goProfiler.session.stop', { sessionId }), true);
    });
  });

  it('the Profile CodeLenses above TestSpin and BenchmarkSpin each save four profiles and a trace with spinPrimes the CPU hot spot', async () => {
    const uri = vscode.Uri.file(join(burnerDir, 'burner_test.go'));
    await vscode.workspace.openTextDocument(uri);
    const lenses = await eventually('CodeLenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l.some((x) => x.command?.command === 'goProfiler.profileTest') ? l : undefined;
    });
    const lens = lenses.find((l) => l.command?.command === 'goProfiler.profileTest' && (l.command.arguments?.[0] as { name?: string }).name === 'TestSpin');
    assert.ok(lens?.command, `lenses: ${lenses.map((l) => l.command?.title).join(', ')}`);
    assert.equal(lens.command.title, 'Profile');
    const paths = await vscode.commands.executeCommand<string[]>(lens.command.command, ...(lens.command.arguments ?? []));
    assert.deepEqual(paths.map((p) => sidecarOf(p).capture.kind), ['cpu', 'heap', 'block', 'mutex', 'trace']);
    // In a test binary package main's functions carry the import path.
    assert.equal(await topFlat(paths[0]!), 'example.com/gosession/burner.spinPrimes');

    // BenchmarkSpin also has the Compare with… lens: take the Profile one.
    const bench = lenses.find((l) => l.command?.command === 'goProfiler.profileTest' && (l.command.arguments?.[0] as { name?: string } | undefined)?.name === 'BenchmarkSpin');
    assert.ok(bench?.command);
    const benchPaths = await vscode.commands.executeCommand<string[]>(bench.command.command, ...(bench.command.arguments ?? []));
    assert.deepEqual(benchPaths.map((p) => sidecarOf(p).capture.kind), ['cpu', 'heap', 'block', 'mutex', 'trace']);
    assert.equal(await topFlat(benchPaths[0]!), 'example.com/gosession/burner.spinPrimes');

    const mainUri = vscode.Uri.file(join(burnerDir, 'main.go'));
    await vscode.workspace.openTextDocument(mainUri);
    const mainLenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', mainUri);
    assert.ok(mainLenses.some((l) => l.command?.title === '▶ Profile' && l.command.command === 'goProfiler.run'));
  });
});
