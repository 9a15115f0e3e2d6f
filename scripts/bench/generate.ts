/**
 * Large real profiles for the benchmark, made once by the Go programs in scripts/bench/go
 * into .cache/bench/<hash of sources and Go version>/.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildOnce, goEnv, goVersion, hashTree, repoRoot, run } from '../../test/support/go-fixtures';

export interface BenchProfile {
  readonly name: string;
  readonly path: string;
}

const sourceDir = join(repoRoot, 'scripts', 'bench', 'go');
const cacheRoot = join(repoRoot, '.cache', 'bench');

/**
 * What each generator writes. heap-3M-samples (about 90 MB raw, 3.1 million samples, a million
 * distinct stacks) is the kind of file that takes `go tool pprof` over half a minute and
 * gigabytes; heap-1M-stacks is about 30 MB raw with a million samples.
 */
const generators: readonly { name: string; program: string; args: string[] }[] = [
  { name: 'heap-3M-samples', program: 'bigheap', args: ['-depth', '10', '-sizes', '3'] },
  { name: 'heap-1M-stacks', program: 'bigheap', args: ['-depth', '9', '-sizes', '4'] },
  { name: 'cpu-deep-stacks', program: 'deepcpu', args: ['-seconds', '4'] },
  { name: 'goroutines-20k', program: 'manygoroutines', args: ['-n', '20000', '-depth', '12'] },
];

async function generate(dir: string): Promise<void> {
  const bin = join(dir, 'bin');
  await mkdir(bin);
  await run('go', ['build', '-o', bin + '/', './...'], { cwd: sourceDir, env: goEnv(), timeoutMs: 600_000 });
  // One at a time: the largest generator alone needs about 1.5 GB.
  for (const g of generators) {
    await run(join(bin, g.program), [...g.args, '-o', join(dir, `${g.name}.pb.gz`)], { cwd: dir, timeoutMs: 300_000 });
  }
  await rm(bin, { recursive: true, force: true });
}

/** Generates the benchmark profiles if needed and returns them, largest first by design. */
export async function ensureBenchProfiles(): Promise<BenchProfile[]> {
  const dir = join(cacheRoot, await hashTree(sourceDir, `${await goVersion()}\0${JSON.stringify(generators)}`));
  await buildOnce(dir, generate);
  const present = new Set(await readdir(dir));
  return generators.map((g) => {
    const file = `${g.name}.pb.gz`;
    if (!present.has(file)) throw new Error(`benchmark generator ${g.program} did not write ${join(dir, file)}`);
    return { name: g.name, path: join(dir, file) };
  });
}
