// Profile files in a real VS Code: a file changed on disk is offered for reload and reloads, a
// deleted one keeps what was loaded, importing the same file twice opens the one already in the
// folder, a file above goProfiler.confirmOpenAboveMB waits for an answer, and Cancel of a decode
// stops it. A capture the profiles folder cannot take is kept in memory and saves elsewhere.
// The internal commands report the documents' state and answer as the user would; the
// notification buttons call the same methods.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import type { DocumentState } from '../../../src/profile-editor/profile-document';
import { bigStoredProfile } from '../../hardening/big-stored-profile';
import { eventually, extensionId, largeCpuProfile, profileViewType, repoRoot } from '../support';

const hotspotsCpu = join(repoRoot, 'examples', 'profiles', 'hotspots.cpu.pb.gz');
const hotspotsHeap = join(repoRoot, 'examples', 'profiles', 'hotspots.heap.pb.gz');

async function stateOf(uri: vscode.Uri): Promise<DocumentState | undefined> {
  const all = await vscode.commands.executeCommand<DocumentState[]>('goProfiler.internal.profileDocuments');
  return all.find((d) => d.uri === uri.toString());
}

/** Waits until the document of `uri` satisfies `ok`; returns that state. */
function stateWhen(uri: vscode.Uri, what: string, ok: (s: DocumentState) => boolean): Promise<DocumentState> {
  return eventually(what, async () => {
    const s = await stateOf(uri);
    return s && ok(s) ? s : undefined;
  });
}

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('goProfiler');

describe('Profile files: reload, delete, import twice, large files', function () {
  this.timeout(120_000);
  let dir: string;

  before(async () => {
    // As in session.test.ts: keep the shared Go build cache (code-server moves XDG_CACHE_HOME).
    process.env.GOCACHE ??= join(homedir(), '.cache', 'go-build');
    dir = mkdtempSync(join(tmpdir(), 'go-profiler-files-'));
    await vscode.extensions.getExtension(extensionId)!.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('confirmOpenAboveMB', undefined, vscode.ConfigurationTarget.Global);
    await config().update('profilesFolder', undefined, vscode.ConfigurationTarget.Global);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('offers to reload a profile that changed on disk and shows the new content', async () => {
    const path = join(dir, 'changing.pb.gz');
    copyFileSync(largeCpuProfile, path);
    const uri = vscode.Uri.file(path);
    await vscode.commands.executeCommand('vscode.openWith', uri, profileViewType);
    const first = await stateWhen(uri, 'the first load', (s) => s.phase === 'loaded');
    assert.equal(first.sampleCount, 20430);

    copyFileSync(hotspotsCpu, path);
    const changed = await stateWhen(uri, 'the change on disk to be noticed', (s) => s.onDisk === 'changed');
    assert.equal(changed.sampleCount, 20430, 'the old content must stay until the user reloads');

    // What the notification's Reload button does.
    const reloaded = await vscode.commands.executeCommand<DocumentState>('goProfiler.reloadProfile', uri);
    assert.deepEqual({ phase: reloaded.phase, onDisk: reloaded.onDisk, sampleCount: reloaded.sampleCount, loads: reloaded.loads }, { phase: 'loaded', onDisk: 'same', sampleCount: 70, loads: 2 });
  });

  it('keeps showing what was loaded when the file is deleted', async () => {
    const path = join(dir, 'doomed.pb.gz');
    copyFileSync(hotspotsHeap, path);
    const uri = vscode.Uri.file(path);
    await vscode.commands.executeCommand('vscode.openWith', uri, profileViewType);
    await stateWhen(uri, 'the load', (s) => s.phase === 'loaded');
    rmSync(path);
    const gone = await stateWhen(uri, 'the deletion to be noticed', (s) => s.onDisk === 'deleted');
    assert.deepEqual({ phase: gone.phase, sampleCount: gone.sampleCount, loads: gone.loads }, { phase: 'loaded', sampleCount: 112, loads: 1 });
  });

  it('importing the same file twice opens the copy already in the folder', async () => {
    const folder = join(dir, 'profiles');
    await config().update('profilesFolder', folder, vscode.ConfigurationTarget.Global);
    const source = vscode.Uri.file(hotspotsCpu);
    const first = await vscode.commands.executeCommand<string[]>('goProfiler.recent.import', [source]);
    const second = await vscode.commands.executeCommand<string[]>('goProfiler.recent.import', [source]);
    assert.equal(first.length, 1);
    assert.deepEqual(second, first);
    assert.deepEqual(readdirSync(folder).filter((n) => n.endsWith('.pb.gz')).length, 1, `duplicates in ${readdirSync(folder).join(', ')}`);
    // A different file still imports.
    const third = await vscode.commands.executeCommand<string[]>('goProfiler.recent.import', [vscode.Uri.file(hotspotsHeap)]);
    assert.equal(third.length, 1);
    assert.notEqual(third[0], first[0]);
  });

  it('asks before loading a file above goProfiler.confirmOpenAboveMB; Cancel leaves a message and Load Anyway loads', async () => {
    await config().update('confirmOpenAboveMB', 0.5, vscode.ConfigurationTarget.Global);
    const path = join(dir, 'big.pb.gz');
    copyFileSync(largeCpuProfile, path); // 1.2 MB, above 0.5 MB
    const uri = vscode.Uri.file(path);
    await vscode.commands.executeCommand('vscode.openWith', uri, profileViewType);
    // A test window's workbench refuses modal dialogs ("DialogService: refused to show dialog in
    // tests"), which is a Cancel; that can come before the first look at the state.
    await stateWhen(uri, 'the size question', (s) => s.phase === 'asking' || s.phase === 'declined');
    // Cancel, as the user would answer the modal question. The workbench may have closed the
    // dialog itself by then (seen once with other suites' windows about), which is a Cancel too.
    const answered = await vscode.commands.executeCommand<boolean>('goProfiler.internal.answerLoadQuestion', uri, false);
    if (!answered) {
      const state = await stateOf(uri);
      assert.equal(state?.phase, 'declined', `no question pending, yet the profile is not declined: ${state?.message}`);
    }
    const declined = await stateWhen(uri, 'the declined state', (s) => s.phase === 'declined');
    assert.match(declined.message ?? '', /^big\.pb\.gz \(1\.15MB\) was not loaded: it is above 512kB \(goProfiler\.confirmOpenAboveMB\)\. Run "Go Profiler: Load Profile Anyway"/);
    assert.equal(declined.sampleCount, undefined);

    const loaded = await vscode.commands.executeCommand<DocumentState>('goProfiler.loadProfileAnyway', uri);
    assert.deepEqual({ phase: loaded.phase, sampleCount: loaded.sampleCount }, { phase: 'loaded', sampleCount: 20430 });
  });

  it('Cancel during a decode stops it, and the profile loads afterwards', async () => {
    await config().update('confirmOpenAboveMB', 0, vscode.ConfigurationTarget.Global);
    const path = join(dir, 'huge.pb.gz');
    writeFileSync(path, bigStoredProfile(64));
    const uri = vscode.Uri.file(path);
    await vscode.commands.executeCommand('vscode.openWith', uri, profileViewType);
    await stateWhen(uri, 'the first load', (s) => s.phase === 'loaded');
    // Reload starts reading at once; the Cancel right behind it lands while the 64 MB are read
    // and decoded, whatever the machine's speed (commands run in the order they are sent).
    const reloading = vscode.commands.executeCommand<DocumentState>('goProfiler.reloadProfile', uri);
    assert.equal(await vscode.commands.executeCommand('goProfiler.internal.cancelLoad', uri), true, 'no decode was running to cancel');
    const cancelled = await reloading;
    assert.equal(cancelled.phase, 'declined', cancelled.message);
    assert.match(cancelled.message ?? '', /^huge\.pb\.gz: decoding was cancelled/);

    const loaded = await vscode.commands.executeCommand<DocumentState>('goProfiler.loadProfileAnyway', uri);
    assert.deepEqual({ phase: loaded.phase, sampleCount: loaded.sampleCount, loads: loaded.loads }, { phase: 'loaded', sampleCount: 0, loads: 3 });
  });

  it('a capture the profiles folder cannot take is kept in memory and Save As writes it whole with its sidecar', async () => {
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, 'x');
    const folder = join(notAFolder, 'profiles');
    await config().update('profilesFolder', folder, vscode.ConfigurationTarget.Global);
    const run = await vscode.commands.executeCommand<{ sessionId: string; pid: number; finished: Promise<string[]> } | undefined>('goProfiler.run', {
      packageDir: join(repoRoot, 'test', 'fixtures', 'go-session', 'burner'),
      wholeRun: false,
    });
    assert.ok(run, 'goProfiler.run started no session');
    try {
      const saved = await vscode.commands.executeCommand<string | undefined>('goProfiler.session.capture', { sessionId: run.sessionId, kind: 'heap' });
      assert.equal(saved, undefined, 'the capture claims to be saved in a folder under a file');
      const unsaved = await vscode.commands.executeCommand<{ id: number; program: string; type: string; bytes: number; reason: string }[]>('goProfiler.internal.unsavedCaptures');
      assert.equal(unsaved.length, 1);
      const [kept] = unsaved as [(typeof unsaved)[0]];
      assert.deepEqual({ program: kept.program, type: kept.type }, { program: 'burner', type: 'heap' });
      assert.ok(kept.reason.includes(folder) && /part of the path is a file, not a folder \(ENOTDIR\)/.test(kept.reason), kept.reason);

      const target = join(dir, 'rescued', 'burner-heap.pb.gz');
      const path = await vscode.commands.executeCommand<string | undefined>('goProfiler.saveUnsavedCapture', kept.id, vscode.Uri.file(target));
      assert.equal(path, target);
      assert.equal(readFileSync(target).byteLength, kept.bytes);
      // Whole and a heap profile (what burner has allocated so soon after its start varies).
      const rescued = await readProfileFile(target);
      assert.deepEqual(rescued.sampleTypes.map((t) => t.type), ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
      const sidecar = JSON.parse(readFileSync(join(dir, 'rescued', 'burner-heap.json'), 'utf8')) as { program: string; profileFile: string };
      assert.deepEqual(sidecar.program + ' ' + sidecar.profileFile, 'burner burner-heap.pb.gz');
      assert.deepEqual(await vscode.commands.executeCommand('goProfiler.internal.unsavedCaptures'), []);
      assert.equal(existsSync(folder), false);
    } finally {
      await vscode.commands.executeCommand('goProfiler.session.stop', { sessionId: run.sessionId });
    }
  });
});
