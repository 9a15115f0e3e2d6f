/**
 * The read-only custom editor "Go Trace" (view type TRACE_VIEW_TYPE) for Go execution traces:
 * the trace is read in a worker thread, its view model sent to the webview (webview/trace)
 * once the webview says it is ready (typed arrays go as binary); for a large trace the webview
 * asks the worker for the window it shows; a frame the user clicks opens its source line.
 */
import * as vscode from 'vscode';
import type { HintLink } from '../hints/register-hint-features';
import { loadWebviewPage } from '../profile-editor/webview-page';
import { parseTraceViewMessage, TRACE_VIEW_TYPE, type HostToTraceView } from '../shared/trace-view';
import { formatStages, loadTraceInWorker, type TraceWorkerAnswer, type TraceWorkerHandle } from './trace-worker-protocol';

class TraceDocument implements vscode.CustomDocument {
  readonly answer: Promise<TraceWorkerAnswer>;
  readonly window: TraceWorkerHandle['window'];
  private readonly cancel: () => void;

  constructor(
    readonly uri: vscode.Uri,
    workerScript: string,
    log: vscode.LogOutputChannel,
  ) {
    const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
    const opened = performance.now();
    const load = loadTraceInWorker(workerScript, { path: uri.fsPath, fileName });
    this.answer = load.answer;
    void this.answer.then((a) => a.ok && a.stages && log.info(formatStages(fileName, a.stages, performance.now() - opened)));
    this.window = load.window;
    this.cancel = load.cancel;
  }

  dispose(): void {
    this.cancel();
  }
}

export class TraceEditorProvider implements vscode.CustomReadonlyEditorProvider<TraceDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly hints: HintLink,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): TraceDocument {
    return new TraceDocument(uri, vscode.Uri.joinPath(this.extensionUri, 'dist', 'trace-worker.js').fsPath, this.log);
  }

  resolveCustomEditor(document: TraceDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    loadWebviewPage(webview, this.extensionUri, 'webview-trace.js', 'trace.css');
    let disposed = false;
    const post = (message: HostToTraceView): void => {
      if (!disposed) void webview.postMessage(message);
    };
    const subscription = webview.onDidReceiveMessage(async (raw: unknown) => {
      // The webview shows data from the trace file: what it sends is checked, not trusted.
      const message = parseTraceViewMessage(raw);
      if (message === undefined) return;
      const answer = await document.answer;
      if (message.kind === 'ready') {
        if (!answer.ok) this.log.warn(answer.message);
        post(answer.ok ? { kind: 'trace', model: answer.model } : { kind: 'error', message: answer.message });
      } else if (message.kind === 'window') {
        const window = await document.window(message.request);
        if (window !== undefined) post({ kind: 'window', window });
      } else if (answer.ok) {
        const frame = answer.model.frames[message.frame];
        if (frame !== undefined && frame.file !== '') await this.hints.jumpToSource(document.uri, frame.file, frame.line, frame.func);
      }
    });
    panel.onDidDispose(() => {
      disposed = true;
      subscription.dispose();
    });
  }
}

export function registerTraceEditor(extensionUri: vscode.Uri, hints: HintLink, log: vscode.LogOutputChannel): vscode.Disposable {
  // No retainContextWhenHidden: the webview asks again ('ready') when it is shown again.
  return vscode.window.registerCustomEditorProvider(TRACE_VIEW_TYPE, new TraceEditorProvider(extensionUri, hints, log), {
    supportsMultipleEditorsPerDocument: true,
  });
}
