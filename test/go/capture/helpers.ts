/** Shared by the capture tests: fixture paths, temp folders, decoding saved profiles. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { topTable, type TopTable } from '../../../src/analysis/top';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import type { Profile } from '../../../src/pprof/profile';
import { findGo } from '../../../src/capture/find-go';
import { runTool, startProgram, type RunningProgram } from '../../../src/capture/process';

export const FIXTURES = resolve('test/fixtures/go-capture');
/** Programs that contend from their start and end in every way a program can (recording-at-exit, contention tests). */
export const TRUST_FIXTURES = resolve('test/fixtures/go-trust');

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'go-profiler-test-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function top(path: string, sampleIndex?: string): Promise<TopTable> {
  const profile: Profile = await readProfileFile(path);
  return topTable(profile, sampleIndex === undefined ? {} : { sampleIndex });
}

export function row(table: TopTable, name: string): { flat: number; cum: number } | undefined {
  return table.rows.find((r) => r.name === name);
}

/**
 * The top flat row outside the Go runtime. On a loaded machine the runtime's preemption
 * frames (runtime.asyncPreempt) can collect more leaf samples than any program function.
 */
export function topProgramFunction(table: TopTable): string | undefined {
  return table.rows.find((r) => !r.name.startsWith('runtime.'))?.name;
}

/** Builds and starts the httppprof fixture (net/http/pprof on 127.0.0.1) in `dir`; resolves with its URL once it listens. */
export async function startHttpPprof(dir: string): Promise<{ url: string; service: RunningProgram }> {
  const binary = join(dir, 'httppprof');
  const built = await runTool(findGo(), ['build', '-o', binary, './httppprof'], { cwd: FIXTURES });
  if (built.code !== 0) throw new Error(`building httppprof failed: ${built.stderr}`);
  const service = startProgram(binary, [], { stdio: 'pipe' });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    service.child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolveUrl(m[1]!);
    });
    void service.exited.then(() => reject(new Error(`httppprof exited: ${out}`)));
  });
  return { url, service };
}
