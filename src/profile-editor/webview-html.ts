/**
 * The webview HTML shell: a strict CSP and one nonce'd script, no data inlined. The script and
 * style are linked, or (the profile page) inlined: in code-server each linked file is fetched
 * through the webview's service worker and the workbench, 100–150 ms before the page can start.
 */

export interface WebviewHtmlParts {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** Webview URIs (as strings) of dist/webview.js and media/webview.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** The bundle and its style as text, to inline instead of linking (the URIs still name where they are). */
  readonly inline?: { readonly script: string; readonly style: string };
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    // 'wasm-unsafe-eval' lets the call graph compile Graphviz's WebAssembly (no JS eval).
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
  ].join('; ');
}

export function renderWebviewHtml(parts: WebviewHtmlParts): string {
  const attr = escapeAttribute;
  const nonce = attr(parts.nonce);
  const inline = parts.inline && inlinable(parts.inline) ? parts.inline : undefined;
  // The page loads its other bundles (Graphviz) from the folder of its own script.
  const dist = parts.scriptUri.slice(0, parts.scriptUri.lastIndexOf('/') + 1);
  const style = inline ? `<style nonce="${nonce}">${inline.style}</style>` : `<link rel="stylesheet" href="${attr(parts.styleUri)}">`;
  const script = inline ? `<script nonce="${nonce}" data-dist="${attr(dist)}">${inline.script}</script>` : `<script nonce="${nonce}" src="${attr(parts.scriptUri)}"></script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${style}
<title>Go Profile</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
${script}
</body>
</html>`;
}

/** Text that would end its element early (or open an HTML comment in a script) is linked, not inlined. */
function inlinable(inline: { readonly script: string; readonly style: string }): boolean {
  return !/<\/script|<!--/i.test(inline.script) && !/<\/style/i.test(inline.style);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
