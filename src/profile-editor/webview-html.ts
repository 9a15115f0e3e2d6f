/** The profile webview's HTML shell: a strict CSP, one nonce'd script, no data inlined. */

export interface WebviewHtmlParts {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** Webview URIs (as strings) of dist/webview.js and media/webview.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    // 'wasm-unsafe-eval' lets the call graph compile Graphviz's WebAssembly (no JS eval).
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
  ].join('; ');
}

export function renderWebviewHtml(parts: WebviewHtmlParts): string {
  const attr = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(parts.styleUri)}">
<title>Go Profile</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${attr(parts.nonce)}" src="${attr(parts.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
