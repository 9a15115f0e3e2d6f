/** Entry point of the `go-profiler` command (bundled to dist/cli.js), and of its helper thread. */
import { isMainThread } from 'node:worker_threads';
import { main } from './cli/main';
import { runTopPartWorker } from './cli/top-part-worker';
import { rawBytes } from './cli/raw-output';

if (!isMainThread) {
  runTopPartWorker();
} else {
  main(process.argv.slice(2), {
    out: (text) => process.stdout.write(rawBytes(text)),
    err: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`go-profiler: internal error: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
