/** Shared by the capture tests: fixture paths, temp folders, decoding saved profiles. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { topTable, type TopTable } from '../../../src/analysis/top';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import type { Profile } from '../../../src/pprof/profile';

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
