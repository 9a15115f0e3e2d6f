import type { ThemeKind } from './palette';

/** VS Code marks the webview body with vscode-light, vscode-dark or vscode-high-contrast. */
export function detectThemeKind(body: HTMLElement): ThemeKind {
  if (body.classList.contains('vscode-high-contrast')) {
    return body.classList.contains('vscode-high-contrast-light') ? 'light' : 'high-contrast';
  }
  if (body.classList.contains('vscode-dark')) return 'dark';
  if (body.classList.contains('vscode-light')) return 'light';
  const bg = getComputedStyle(body).backgroundColor;
  const m = /rgba?\((\d+)[, ]+(\d+)[, ]+(\d+)/.exec(bg);
  if (!m) return 'light';
  const lum = 0.2126 * Number(m[1]) + 0.7152 * Number(m[2]) + 0.0722 * Number(m[3]);
  return lum < 128 ? 'dark' : 'light';
}
