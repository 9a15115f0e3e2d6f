/** Registers the editor side: line hints, hovers, hotspot commands and jump-to-source. */
import * as vscode from 'vscode';
import type { Resolution } from '../analysis/source-paths';
import { PROFILE_VIEW_TYPE } from '../shared/protocol';
import type { ProfileSidecar } from '../store/sidecar';
import { ActiveProfiles } from './active-profile';
import { HintDecorations } from './hint-decorations';
import { HintHoverProvider, REVEAL_FUNCTION_COMMAND } from './hint-hover';
import { HintsController } from './hints-controller';
import { goToHotspot } from './hotspots';
import { SourceOpener } from './open-source';
import { SourceMapping } from './source-context';

/** Not in the palette: the in-host tests read what the hints show through it. */
export const HINTS_SNAPSHOT_COMMAND = 'goProfiler.hints.snapshot';

/** What the profile editor uses of the hints. */
export interface HintLink {
  /** The profile the hints follow; profile editors report to it. */
  readonly profiles: ActiveProfiles;
  /** Jump from any profile view: maps the profile's file name and opens the line. */
  jumpToSource(profileUri: vscode.Uri, file: string, line: number, functionName?: string): Promise<boolean>;
  /** Where the same mapping finds a profile's file, without asking (the Source tab reads it). */
  resolveSource(profileUri: vscode.Uri, file: string, functionName?: string): Promise<Resolution>;
  /** The capture's sidecar beside the profile, if any. */
  sidecar(profileUri: vscode.Uri): Promise<ProfileSidecar | undefined>;
}

export interface HintFeatures extends HintLink {
  readonly disposables: vscode.Disposable[];
}

export function registerHintFeatures(context: vscode.ExtensionContext): HintFeatures {
  const profiles = new ActiveProfiles();
  const sources = new SourceMapping(context.workspaceState);
  const opener = new SourceOpener(sources);
  const decorations = new HintDecorations(context.extensionUri);
  const hints = new HintsController(profiles, sources, decorations, context.globalState);
  const disposables = [
    profiles,
    sources,
    opener,
    decorations,
    hints,
    vscode.languages.registerHoverProvider({ language: 'go', scheme: 'file' }, new HintHoverProvider(hints)),
    vscode.commands.registerCommand('goProfiler.toggleHints', () => hints.toggle()),
    vscode.commands.registerCommand('goProfiler.clearHints', () => hints.clear()),
    vscode.commands.registerCommand('goProfiler.nextHotspot', () => goToHotspot(hints, opener, 1)),
    vscode.commands.registerCommand('goProfiler.previousHotspot', () => goToHotspot(hints, opener, -1)),
    vscode.commands.registerCommand(REVEAL_FUNCTION_COMMAND, async (uri: unknown, name: unknown, view: unknown) => {
      if (typeof uri !== 'string' || typeof name !== 'string') return;
      const profile = vscode.Uri.parse(uri);
      await vscode.commands.executeCommand('vscode.openWith', profile, PROFILE_VIEW_TYPE);
      profiles.requestReveal(profile, name, view === 'sandwich' ? 'sandwich' : undefined);
    }),
    vscode.commands.registerCommand(HINTS_SNAPSHOT_COMMAND, (uri: unknown) => {
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
      const shown = target && hints.hintsFor(target);
      if (!shown) return undefined;
      return {
        profile: shown.index.active.source.uri.toString(),
        query: shown.index.active.query,
        sampleType: shown.index.totals.sampleType,
        total: shown.index.totals.total,
        files: shown.files,
        stale: shown.stale,
        hints: shown.hints,
        lines: shown.lines,
      };
    }),
  ];
  return {
    profiles,
    disposables,
    jumpToSource: async (profileUri, file, line, functionName) => (await opener.openProfileSource(profileUri, file, line, functionName)) !== undefined,
    resolveSource: async (profileUri, file, functionName) => (await sources.resolver(profileUri)).resolve(file, functionName),
    sidecar: (profileUri) => sources.sidecar(profileUri),
  };
}
