/** Test page: the real profile editor webview bundle, with a recording stand-in for VS Code. */
import './fake-vscode-api';
import '../../../webview/main';
