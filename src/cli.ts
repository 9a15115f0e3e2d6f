/**
 * The `go-profiler` command (bundled to dist/cli-main.js, which dist/cli.js starts from V8's code
 * cache: cli/cached-start.ts), and its helper thread.
 */
import { main } from './cli/main';
import { runTopPartWorker } from './cli/top-part-worker';
import { rawBytes } from './cli/raw-output';
import { STARTED_BY_LOADER } from './cli/code-cache';
import { enableShortRunTuning } from './cli/short-run';

/** Runs the command line of this process. */
export function start(): void {
  enableShortRunTuning();
  // A reader that stops early (`go-profiler traces big.pb.gz | head`) closes the pipe: the rest
  // of the output is dropped quietly, as a Go program dies of SIGPIPE, and the command still
  // ends with its own exit code.
  let readerGone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  main(process.argv.slice(2), {
    out: (text) => readerGone || process.stdout.write(rawBytes(text)),
    outBytes: (bytes) => readerGone || process.stdout.write(bytes),
    err: (text) => process.stderr.write(text),
    // As ls: a profile's control characters are escaped on a terminal, written as pprof writes them into a pipe or a file.
    controls: process.stdout.isTTY ? 'escape' : 'raw',
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

export { main };

// Loaded as a script (node dist/cli-main.js, a wrapper's require, the top report's helper thread),
// not by dist/cli.js or the build's code-cache run (cli/code-cache.ts), which call start().
// worker_threads is loaded only here: it costs ~4 ms of a small report's start-up.
if ((module as unknown as Record<string, unknown>)[STARTED_BY_LOADER] !== true) {
  void import('./cli/worker-threads').then((thread) => (thread.isMainThread ? start() : runTopPartWorker(thread)));
}
