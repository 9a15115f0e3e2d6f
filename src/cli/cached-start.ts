/** dist/cli.js: starts the `go-profiler` bundle next to it (dist/cli-main.js) from its code cache. */
import { join } from 'node:path';
import { loadBundle } from './code-cache';

const { exports } = loadBundle(join(__dirname, 'cli-main.js'));
(exports.start as () => void)();
