/** Entry of the profile webview bundle (dist/webview.js). */
import { App } from './app';

const root = document.getElementById('app');
if (root) new App(root).start();
