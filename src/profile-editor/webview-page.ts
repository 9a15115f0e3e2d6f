/** The extension's webview pages (profile, trace): their HTML set in a webview, script and style linked or inlined. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { renderWebviewHtml } from './webview-html';

/**
 * Sets a page of this extension in `webview`: `dist/<script>` and `media/<style>` under a strict
 * CSP; `inline` puts their text in the HTML (no fetch of each through the webview's service
 * worker before the page starts), linked as before if they cannot be read.
 */
export function loadWebviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, style: string, inline = false): void {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
  const scriptFile = vscode.Uri.joinPath(dist, script);
  const styleFile = vscode.Uri.joinPath(media, style);
  webview.html = renderWebviewHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: webview.asWebviewUri(scriptFile).toString(),
    styleUri: webview.asWebviewUri(styleFile).toString(),
    ...(inline ? readInline(scriptFile, styleFile) : {}),
  });
}

function readInline(script: vscode.Uri, style: vscode.Uri): { inline?: { script: string; style: string } } {
  try {
    return { inline: { script: readFileSync(script.fsPath, 'utf8'), style: readFileSync(style.fsPath, 'utf8') } };
  } catch {
    return {};
  }
}

/** Sets the profile page (dist/webview.js, inlined) in `webview`. */
export function loadProfilePage(webview: vscode.Webview, extensionUri: vscode.Uri): void {
  loadWebviewPage(webview, extensionUri, 'webview.js', 'webview.css', true);
}
