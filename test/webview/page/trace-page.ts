/** The Go Trace webview on a test page: acquireVsCodeApi records what the webview posts (imported first). */
import './trace-vscode-mock';
import '../../../webview/trace/main';
