// Shared bits of the in-host suites: the extension's identity and the repository's fixtures.
import { join } from 'node:path';

export const extensionId = 'go-profiler.go-profiler';
export const profileViewType = 'goProfiler.profile';

/** Set by the bundler (scripts/vscode/bundle-tests.ts): the bundles may live outside the repository. */
declare const GO_PROFILER_REPO_ROOT: string;
export const repoRoot: string = GO_PROFILER_REPO_ROOT;
export const largeCpuProfile = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

/** Polls `probe` until it returns a value other than undefined; a hang guard, not a time assertion. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
