/** Test page: the real profile editor webview bundle, its host played by the Node test. */
import './editor-bridge';
import '../../../webview/main';
