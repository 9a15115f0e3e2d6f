/**
 * A build's progress notification: the package being compiled and how far along the build
 * is ("compiling net/http (143 of 190 packages)"), with Cancel, which aborts `abort` (the
 * build's whole process tree is then stopped by the capture layer).
 */
import * as vscode from 'vscode';
import type { BuildProgress } from '../capture/build-progress';

export function withBuildProgress<T>(
  label: string,
  abort: AbortController,
  build: (onProgress: (progress: BuildProgress) => void) => Promise<T>,
): Promise<T> {
  const options = { location: vscode.ProgressLocation.Notification, title: `Building ${label} with the Go Profiler agent`, cancellable: true };
  return Promise.resolve(
    vscode.window.withProgress(options, async (progress, token) => {
      const cancelled = token.onCancellationRequested(() => abort.abort());
      let shown = 0;
      try {
        return await build((p) => {
          const percent = Math.floor((100 * p.done) / p.total);
          progress.report({ message: `compiling ${p.compiling} (${p.done} of ${p.total} packages)`, increment: percent - shown });
          shown = percent;
        });
      } finally {
        cancelled.dispose();
      }
    }),
  );
}
