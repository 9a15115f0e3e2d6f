/**
 * Makes the code cache of the `go-profiler` bundle (src/cli/code-cache.ts): stamps the bundle
 * with its content hash, runs its reports once on small profiles of the repository so the
 * functions a report needs are compiled, and writes V8's cache of them next to the bundle.
 * Run by scripts/build.mjs: node --import tsx scripts/cli-code-cache.ts dist/cli-main.js
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILD_ID_PREFIX, buildId, cacheFile, codeCachePath, loadBundle } from '../src/cli/code-cache';

type Main = (argv: readonly string[], io: { out(text: string): void; err(text: string): void }) => Promise<number>;

const repo = resolve(__dirname, '..');
const external = (path: string): string => join(repo, 'test', 'fixtures', 'external', path);
const heap = external('pyroscope/pprof.heap_delta');
const cpu = external('parca/query.many.1644509299337903000.pb.gz');
const base = external('dd-trace-go/fastdelta.heap.before.pprof');
const after = external('dd-trace-go/fastdelta.heap.after.pprof');

/** Each report a small profile is most often asked for, so its code is in the cache. */
const TRAINING: readonly (readonly string[])[] = [
  ['top', heap],
  ['top', cpu, '--granularity', 'lines'],
  ['tree', cpu],
  ['peek', cpu, '.'],
  ['traces', cpu],
  ['diff', after, '--diff-base', base],
  ['folded', heap],
  ['top', heap, '--json'],
];

async function main(bundle: string): Promise<void> {
  let source = readFileSync(bundle, 'utf8');
  if (buildId(source) === undefined) {
    const id = createHash('sha256').update(source).digest('hex').slice(0, 16);
    source += `${BUILD_ID_PREFIX}${id}\n`;
    writeFileSync(bundle, source);
  }
  const id = buildId(source)!;
  const loaded = loadBundle(bundle, false);
  const run = loaded.exports.main as Main;
  const quiet = { out: () => undefined, err: () => undefined };
  await run(['--help'], quiet);
  for (const argv of TRAINING) {
    // Without the repository's profiles (a partial checkout) the cache holds start-up code only.
    if (!argv.slice(1).every((a) => a.startsWith('-') || a === '.' || existsSync(a))) continue;
    const code = await run([...argv, '--symbolize', 'none'], quiet);
    if (code !== 0) throw new Error(`cli-code-cache: go-profiler ${argv.join(' ')} exited with ${code}`);
  }
  const target = codeCachePath(bundle);
  writeFileSync(`${target}.tmp`, cacheFile(id, loaded.script.createCachedData()));
  renameSync(`${target}.tmp`, target);
}

const bundle = process.argv[2];
if (bundle === undefined) {
  console.error('usage: node --import tsx scripts/cli-code-cache.ts dist/cli-main.js');
  process.exit(2);
}
main(resolve(bundle)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
