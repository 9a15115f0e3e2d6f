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
import { ProfilePanel, type PanelContext, type PanelPage } from './profile-panel';

export class ProfileEditors implements PanelContext {
  private readonly documents = new Set<ProfileDocument>();
  /** Open panels, the one active last. */
  private readonly panels: ProfilePanel[] = [];
  readonly csp = new CspViolationCounter();
  /** Fresh captures' bytes, taken by the document opened for them. */
  readonly handed = new HandedProfiles();

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly log: vscode.LogOutputChannel,
    readonly hints: HintLink,
    readonly state: vscode.Memento,
  ) {}

  /** A document for `uri`, forgotten when VS Code disposes it (after its last editor closes). */
  openDocument(uri: vscode.Uri): ProfileDocument {
    const workerScript = vscode.Uri.joinPath(this.extensionUri, 'dist', 'decode-worker.js').fsPath;
    const document = new ProfileDocument(uri, workerScript, this.log, () => this.documents.delete(document), this.handed.take(uri));
    this.documents.add(document);
    return document;
  }

  /** Shows `document` in `panel`: a new profile editor, or the capture panel's loaded page. */
  showInPanel(panel: vscode.WebviewPanel, document: ProfileDocument, page: PanelPage = { kind: 'new' }): ProfilePanel {
    const shown = new ProfilePanel(panel, document, this, page);
    if (!this.panels.includes(shown)) this.panels.push(shown);
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
