/** Stands in for VS Code's webview API: what the webview posts is kept in `posted` for the test. */
const posted: unknown[] = [];
(globalThis as unknown as { posted: unknown[] }).posted = posted;
(globalThis as unknown as { acquireVsCodeApi: () => { postMessage(m: unknown): void } }).acquireVsCodeApi = () => ({ postMessage: (m: unknown) => posted.push(m) });
