/**
 * The component's stylesheet, adopted as a constructed stylesheet: no <style> element and no
 * style attributes, so a CSP without 'unsafe-inline' allows it. Colours are VS Code's theme
 * variables with plain fallbacks for pages outside VS Code.
 */
const css = `
.gp-flame { display: flex; flex-direction: column; height: 100%; min-height: 120px; box-sizing: border-box;
  color: var(--vscode-editor-foreground, #1b1b1b); background: var(--vscode-editor-background, #ffffff);
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
  outline-color: var(--vscode-focusBorder, #0078d4); }
.gp-flame-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; padding: 4px 6px;
  border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,0.35)); }
.gp-flame-toolbar button { font: inherit; color: var(--vscode-button-secondaryForeground, inherit);
  background: var(--vscode-button-secondaryBackground, rgba(128,128,128,0.15)); border: 1px solid var(--vscode-contrastBorder, transparent);
  border-radius: 2px; padding: 2px 8px; cursor: pointer; }
.gp-flame-toolbar button:hover:not(:disabled) { background: var(--vscode-button-secondaryHoverBackground, rgba(128,128,128,0.3)); }
.gp-flame-toolbar button:disabled { opacity: 0.45; cursor: default; }
.gp-flame-toolbar button:focus-visible, .gp-flame-toolbar input:focus-visible, .gp-flame-crumbs button:focus-visible,
.gp-flame-canvas:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
.gp-flame-toolbar input { font: inherit; min-width: 16em; padding: 2px 6px; color: var(--vscode-input-foreground, inherit);
  background: var(--vscode-input-background, transparent); border: 1px solid var(--vscode-input-border, rgba(128,128,128,0.5)); }
.gp-flame-toolbar input.gp-invalid { border-color: var(--vscode-inputValidation-errorBorder, #be1100); }
.gp-flame-spacer { flex: 1; }
.gp-flame-status { opacity: 0.85; white-space: nowrap; }
.gp-flame-crumbs { display: flex; flex-wrap: wrap; align-items: center; gap: 2px; padding: 2px 6px; min-height: 20px; }
.gp-flame-crumbs button { font: inherit; color: var(--vscode-textLink-foreground, #006ab1); background: none; border: none;
  padding: 0 2px; cursor: pointer; max-width: 28em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.gp-flame-crumbs button[aria-current="page"] { color: inherit; font-weight: 600; cursor: default; }
.gp-flame-crumbs .gp-sep { opacity: 0.6; }
.gp-flame-scroll { position: relative; flex: 1; overflow: auto; min-height: 0; }
.gp-flame-canvas { position: sticky; top: 0; left: 0; display: block; cursor: pointer; }
.gp-flame-sizer { width: 1px; }
.gp-flame-tooltip { position: fixed; z-index: 10; pointer-events: none; max-width: min(70vw, 640px); padding: 6px 8px;
  color: var(--vscode-editorHoverWidget-foreground, var(--vscode-editor-foreground, #1b1b1b));
  background: var(--vscode-editorHoverWidget-background, #f3f3f3);
  border: 1px solid var(--vscode-editorHoverWidget-border, rgba(128,128,128,0.6)); border-radius: 3px;
  box-shadow: 0 2px 8px var(--vscode-widget-shadow, rgba(0,0,0,0.25)); word-break: break-all; }
.gp-flame-tooltip[hidden], .gp-flame-empty[hidden], .gp-flame-main[hidden] { display: none; }
.gp-flame-tooltip .gp-name { font-weight: 600; margin-bottom: 2px; }
.gp-flame-tooltip .gp-file { opacity: 0.8; margin-bottom: 4px; font-family: var(--vscode-editor-font-family, monospace); }
.gp-flame-tooltip .gp-hint { opacity: 0.65; margin-top: 4px; font-size: 0.9em; }
.gp-flame-main { display: flex; flex-direction: column; flex: 1; min-height: 0; }
.gp-flame-empty { margin: auto; padding: 32px; text-align: center; max-width: 36em; }
.gp-flame-empty .gp-title { font-size: 1.3em; margin-bottom: 8px; }
.gp-flame-empty .gp-detail { opacity: 0.8; }
.gp-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

let sheet: CSSStyleSheet | undefined;

export function adoptFlameStyles(doc: Document): void {
  if (sheet === undefined) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  if (!doc.adoptedStyleSheets.includes(sheet)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
