import * as assert from 'node:assert/strict';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { eventually, largeCpuProfile, profileViewType } from '../support';

interface Report {
  readonly total: number;
  readonly panels: readonly { panel: number; profile: string; open: boolean; violations: number }[];
}

const COMMAND = 'goProfiler.cspViolations';

describe('CSP violation counts (hidden command)', () => {
  it('is registered but has no palette entry (not contributed in package.json)', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND));
    const contributed = vscode.extensions.getExtension('go-profiler.go-profiler')?.packageJSON as { contributes?: { commands?: { command: string }[] } } | undefined;
    assert.ok(contributed?.contributes?.commands?.length, 'the extension contributes commands');
    assert.equal(contributed.contributes.commands.some((c) => c.command === COMMAND), false);
  });

  it('lists an opened profile panel with its count, and keeps it once closed', async () => {
    const uri = vscode.Uri.file(largeCpuProfile);
    const before = await vscode.commands.executeCommand<Report>(COMMAND);
    await vscode.commands.executeCommand('vscode.openWith', uri, profileViewType);
    const report = await eventually('the panel in the counts', async () => {
      const r = await vscode.commands.executeCommand<Report>(COMMAND);
      return r.panels.length > before.panels.length ? r : undefined;
    });
    const panel = report.panels[report.panels.length - 1]!;
    assert.deepEqual({ profile: panel.profile, open: panel.open, violations: panel.violations }, { profile: basename(largeCpuProfile), open: true, violations: 0 });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const closed = await eventually('the panel closed', async () => {
      const r = await vscode.commands.executeCommand<Report>(COMMAND);
      const p = r.panels.find((x) => x.panel === panel.panel);
      return p && !p.open ? p : undefined;
    });
    assert.equal(closed.violations, 0);
  });
});
