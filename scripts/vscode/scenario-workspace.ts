// The workspace the UI scenario opens: a real CPU profile, a real heap profile and a corrupt one.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import type { ScenarioFiles } from '../../test/integration/ui/profile-editor.scenario';

async function heapProfile(): Promise<string> {
  const example = join(repoRoot, 'examples', 'profiles', 'hotspots.heap.pb.gz');
  if (existsSync(example)) return example;
  const { ensureGoFixtures } = await import('../../test/support/go-fixtures');
  return (await ensureGoFixtures()).heap;
}

export async function prepareScenarioWorkspace(workspace: string): Promise<ScenarioFiles> {
  const dir = join(workspace, 'profiles');
  mkdirSync(dir, { recursive: true });
  const cpu = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');
  copyFileSync(cpu, join(dir, 'large.cpu.pb.gz'));
  copyFileSync(await heapProfile(), join(dir, 'heap.pb.gz'));
  // A real profile cut short: valid gzip header, truncated stream.
  writeFileSync(join(dir, 'corrupt.pb.gz'), readFileSync(cpu).subarray(0, 4096));
  return { cpu: 'profiles/large.cpu.pb.gz', heap: 'profiles/heap.pb.gz', corrupt: 'profiles/corrupt.pb.gz' };
}
