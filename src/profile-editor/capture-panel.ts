/**
 * The capture panel: one panel per window that shows each capture of a session as it arrives.
 * VS Code makes a custom editor's webview only when that editor opens (0.4 s on an idle machine
 * here, up to 2 s while the profiled program loads the cores), and no API lets an editor take a
 * page made in advance; so this panel's page is loaded when a session starts, and each capture
 * is handed to the page already there. "Open in Editor" keeps a capture in a tab of its own;
 * `goProfiler.openCapturesIn: "editor"` opens every capture in its own editor instead.
 */
import * as vscode from 'vscode';
import { PROFILE_VIEW_TYPE, type WaitingMessage } from '../shared/protocol';
import { parseWebviewToHost } from '../shared/validate-messages';
import type { HandedProfile } from './handed-profiles';
import type { ProfileDocument } from './profile-document';
import type { ProfileEditors } from './profile-editors';
import type { ProfilePanel } from './profile-panel';
import { loadProfilePage } from './webview-page';

export const CAPTURE_PANEL_VIEW_TYPE = 'goProfiler.capture';
export const OPEN_CAPTURE_IN_EDITOR_COMMAND = 'goProfiler.openCaptureInEditor';

/** `goProfiler.openCapturesIn`: the capture panel (default) or an editor per capture. */
function capturesInPanel(): boolean {
  return vscode.workspace.getConfiguration('goProfiler').get<string>('openCapturesIn') !== 'editor';
}

/** A capture in a Go Profile editor tab of its own (not the preview tab). */
async function openInOwnEditor(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', uri, PROFILE_VIEW_TYPE, { preview: false });
}

export interface CapturePanelState {
  readonly open: boolean;
  readonly pageReady: boolean;
  readonly pagesMade: number;
  /** The path of the capture on show. */
  readonly shown?: string;
  readonly title?: string;
  readonly active?: boolean;
}

interface Shown {
  readonly panel: ProfilePanel;
  readonly document: ProfileDocument;
}

export class CapturePanel implements vscode.Disposable {
  private webviewPanel: vscode.WebviewPanel | undefined;
  /** The page's script has said it is ready (it then takes a capture at once). */
  private pageReady = false;
  private shown: Shown | undefined;
  private waiting = { title: 'Waiting for a capture', detail: '' };
  private readonly pageSubscriptions: vscode.Disposable[] = [];
  /** Pages made in this window (tests: captures of one session reuse one). */
  private pagesMade = 0;

  constructor(private readonly editors: ProfileEditors) {}

  /**
   * A session started: open the panel in the active editor group, without taking the focus, so
   * its page is loaded before the first capture (nothing when captures open in editors).
   */
  prepare(sessionLabel: string): void {
    if (!capturesInPanel()) return;
    this.waiting = {
      title: `Waiting for a capture of ${sessionLabel}`,
      detail:
        'Each capture of the session (Capture Heap, Capture Goroutines, Stop CPU Recording… in the Go Profiler view) shows here as soon as it is taken. "Open in Editor" in the title bar keeps the one shown in a tab of its own.',
    };
    // In the active group, as a capture's editor opened before: a group beside is too narrow for the tables.
    if (!this.webviewPanel) this.create(vscode.ViewColumn.Active, true);
    else if (!this.shown) this.postWaiting();
    this.editors.warmWorker(0);
  }

  /** Opens a fresh capture from its bytes in memory: in this panel, or in an editor of its own. */
  async open(uri: vscode.Uri, profile: HandedProfile): Promise<void> {
    const { handed } = this.editors;
    handed.put(uri, profile);
    try {
      if (capturesInPanel()) this.show(uri);
      else await openInOwnEditor(uri);
    } finally {
      handed.drop(uri);
    }
  }

  /** The capture on show, if any. */
  get shownUri(): vscode.Uri | undefined {
    return this.shown?.document.uri;
  }

  /** What tests see: whether the panel is open, its page ready, the capture on show, the pages made so far. */
  get state(): CapturePanelState {
    const panel = this.webviewPanel;
    return {
      open: panel !== undefined,
      pageReady: this.pageReady,
      pagesMade: this.pagesMade,
      ...(this.shown ? { shown: this.shown.document.uri.fsPath } : {}),
      ...(panel ? { title: panel.title, active: panel.active } : {}),
    };
  }

  private show(uri: vscode.Uri): void {
    const webviewPanel = this.webviewPanel ?? this.create(vscode.ViewColumn.Active, false);
    const document = this.editors.openDocument(uri, true);
    this.release();
    // The next capture's thread, started once this one has decoded (not beside it on 2 cores).
    void document.loaded.finally(() => {
      if (this.webviewPanel) this.editors.warmWorker(0);
    });
    webviewPanel.title = document.fileName;
    const panel = this.editors.showInPanel(webviewPanel, document, { kind: 'adopted', ready: this.pageReady });
    this.shown = { panel, document };
    webviewPanel.reveal(webviewPanel.viewColumn, false);
  }

  private create(viewColumn: vscode.ViewColumn, preserveFocus: boolean): vscode.WebviewPanel {
    // Kept alive when hidden: the point of the panel is a page that is already there.
    const created = vscode.window.createWebviewPanel(CAPTURE_PANEL_VIEW_TYPE, 'Go Profiler: captures', { viewColumn, preserveFocus }, { retainContextWhenHidden: true });
    loadProfilePage(created.webview, this.editors.extensionUri);
    this.webviewPanel = created;
    this.pageReady = false;
    this.pagesMade++;
    this.pageSubscriptions.push(
      created.webview.onDidReceiveMessage((raw: unknown) => {
        if (parseWebviewToHost(raw)?.kind !== 'ready') return;
        this.pageReady = true;
        if (!this.shown) this.postWaiting();
      }),
      created.onDidDispose(() => this.closed()),
    );
    return created;
  }

  private postWaiting(): void {
    const message: WaitingMessage = { kind: 'waiting', ...this.waiting };
    void this.webviewPanel?.webview.postMessage(message);
  }

  /** Lets the capture on show go: its panel stops answering the page and its worker stops. */
  private release(): void {
    if (!this.shown) return;
    this.shown.panel.dispose();
    this.shown.document.dispose();
    this.shown = undefined;
  }

  private closed(): void {
    this.release();
    this.editors.dropWarmWorker();
    for (const s of this.pageSubscriptions.splice(0)) s.dispose();
    this.webviewPanel = undefined;
    this.pageReady = false;
  }

  dispose(): void {
    this.webviewPanel?.dispose();
    this.closed();
  }
}

/** "Open in Editor" (the panel's title bar) and what the in-host tests read of the panel. */
export function registerCapturePanelCommands(captures: CapturePanel): vscode.Disposable[] {
  return [
    captures,
    vscode.commands.registerCommand(OPEN_CAPTURE_IN_EDITOR_COMMAND, async () => {
      const uri = captures.shownUri;
      if (!uri) {
        void vscode.window.showInformationMessage('Go Profiler: the capture panel shows no capture yet.');
        return;
      }
      await openInOwnEditor(uri);
    }),
    vscode.commands.registerCommand('goProfiler.internal.capturePanel', () => captures.state),
  ];
}
