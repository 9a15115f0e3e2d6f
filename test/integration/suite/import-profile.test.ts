// "Go Profiler: Import Profile…" in a real VS Code: the file is copied into the profiles folder
// (as Recent Profiles' Import does), so Recent Profiles lists it, and it opens.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { listProfiles } from '../../../src/store/profile-store';
import { eventually, profileViewType, repoRoot, useTemporaryProfilesFolder } from '../support';

const hotspotsHeap = join(repoRoot, 'examples', 'profiles', 'hotspots.heap.pb.gz');

describe('Import Profile…', function () {
  this.timeout(60_000);
  const profiles = useTemporaryProfilesFolder('go-profiler-import-');

  it('lists the imported profile in Recent Profiles (the profiles folder) and opens it', async () => {
    const saved = await vscode.commands.executeCommand<string[]>('goProfiler.importProfile', [vscode.Uri.file(hotspotsHeap)]);
    assert.equal(saved.length, 1);
    assert.ok(saved[0]!.startsWith(profiles.path), `${saved[0]} is not in the profiles folder ${profiles.path}`);
    const listed = await listProfiles(profiles.path);
    assert.deepEqual(
      listed.map((l) => [l.profilePath, l.sidecar?.capture.source]),
      [[saved[0], 'import']],
    );
    await eventually('the imported profile to open', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === profileViewType && t.input.uri.fsPath === saved[0])
        ? true
        : undefined,
    );
  });
});
