/**
 * The profile editors of this window: their open documents and panels, and the CSP violation
 * counts of every panel. One per window, created by `activate` (no module-level state); VS Code
 * owns the documents' and panels' lifetimes and tells each when it ends.
 */
import * as vscode from 'vscode';
import type { HintLink } from '../hints/register-hint-features';
import { CspViolationCounter } from './csp-violations';
import { HandedProfiles } from './handed-profiles';
import { ProfileDocument } from './profile-document';
import { ProfileWorker } from '../worker/profile-worker';
import { ProfilePanel, type PanelContext, type PanelPage } from './profile-panel';

export class ProfileEditors implements PanelContext {
  private readonly documents = new Set<ProfileDocument>();
  /** Open panels, the one active last. */
  private readonly panels: ProfilePanel[] = [];
  readonly csp = new CspViolationCounter();
  /** Fresh captures' bytes, taken by the document opened for them. */
  readonly handed = new HandedProfiles();
  private spare: ProfileWorker | undefined;
  private spareTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly log: vscode.LogOutputChannel,
    readonly hints: HintLink,
    readonly state: vscode.Memento,
  ) {}

  /** A document for `uri`, forgotten when VS Code disposes it (after its last editor closes); `warm` takes the spare thread. */
  openDocument(uri: vscode.Uri, warm = false): ProfileDocument {
    const spare = warm ? this.spare : undefined;
    if (warm) this.spare = undefined;
    const document = new ProfileDocument(uri, this.workerScript, this.log, () => this.documents.delete(document), this.handed.take(uri), spare);
    this.documents.add(document);
    return document;
  }

  private get workerScript(): string {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'decode-worker.js').fsPath;
  }

  /**
   * Starts a spare decode thread after `delayMs` (none if one waits already), for the capture
   * panel's next capture: starting a thread and loading its code takes 50–150 ms here.
   */
  warmWorker(delayMs: number): void {
    if (this.spare || this.spareTimer) return;
    this.spareTimer = setTimeout(() => {
      this.spareTimer = undefined;
      this.spare ??= new ProfileWorker(this.workerScript, (problem) => this.log.warn(`spare decode thread: ${problem}`));
    }, delayMs);
  }

  /** Stops the spare thread (the capture panel closed). */
  dropWarmWorker(): void {
    clearTimeout(this.spareTimer);
    this.spareTimer = undefined;
    void this.spare?.terminate();
    this.spare = undefined;
  }

  /** Shows `document` in `panel`: a new profile editor, or the capture panel's loaded page. */
  showInPanel(panel: vscode.WebviewPanel, document: ProfileDocument, page: PanelPage = { kind: 'new' }): ProfilePanel {
    // The newest panel is last, as activated() leaves the active one.
    const shown = new ProfilePanel(panel, document, this, page);
    this.panels.push(shown);
    return shown;
  }

  /** Every open document, in the order they opened. */
  openDocuments(): readonly ProfileDocument[] {
    return [...this.documents];
  }

  documentOf(uri: vscode.Uri): ProfileDocument | undefined {
    const key = uri.toString();
    return this.openDocuments().find((d) => d.uri.toString() === key);
  }

  /** The active profile editor, else the one used last. */
  currentPanel(): ProfilePanel | undefined {
    return this.panels.find((p) => p.panel.active) ?? this.panels[this.panels.length - 1];
  }

  activated(panel: ProfilePanel): void {
    this.closed(panel);
    this.panels.push(panel);
  }

  closed(panel: ProfilePanel): void {
    const at = this.panels.indexOf(panel);
    if (at >= 0) this.panels.splice(at, 1);
  }
}
