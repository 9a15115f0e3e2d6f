/**
 * npm run fuzz:trace -- [--count N] [--seconds S] [--seed N]: seeded mutations of the committed
 * real traces (test/fixtures/traces) through the trace reader in a worker thread. Every input
 * must end in a Trace or a one-line TraceError naming the file; a crash, or an input still
 * being read after 20 s (a hang), is saved under test/fixtures/trace-crashers/ with a note;
 * test/hardening/trace-hostile.test.ts replays them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot } from '../test/support/go-fixtures';
import { traceInput, type TraceFuzzInit } from './fuzz-trace/inputs';

const HANG_MS = 20_000;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} needs a non-negative number`);
  return value;
}

async function saveCrasher(corpus: readonly Uint8Array[], seed: number, index: number, failure: string): Promise<string> {
  const dir = join(repoRoot, 'test', 'fixtures', 'trace-crashers');
  await mkdir(dir, { recursive: true });
  const name = join(dir, `seed${seed}-input${index}`);
  const input = traceInput(corpus, seed, index);
  await writeFile(`${name}.bin`, input.bytes);
  await writeFile(`${name}.json`, JSON.stringify({ seed, index, description: input.description, failure, replay: `npm run fuzz:trace -- --seed ${seed} --from ${index} --count 1` }, null, 2));
  return `${name}.bin`;
}

async function main(): Promise<number> {
  const count = flag('--count', 100_000);
  const seconds = flag('--seconds', 600);
  const seed = flag('--seed', 1);
  let from = flag('--from', 0);
  const end = from + count;
  const started = Date.now();
  const dir = join(repoRoot, 'test', 'fixtures', 'traces');
  const corpus = readdirSync(dir).filter((f) => f.endsWith('.trace')).map((f) => new Uint8Array(readFileSync(join(dir, f))));
  console.log(`fuzz:trace: seed ${seed}, inputs ${from}..${end - 1}, ${corpus.length} real trace(s), at most ${seconds} s`);
  let read = 0;
  let refused = 0;
  const crashes: string[] = [];
  while (from < end && Date.now() < started + seconds * 1000) {
    const state = new SharedArrayBuffer(4);
    const init: TraceFuzzInit = { corpus, seed, first: from, end, deadline: started + seconds * 1000, state };
    const boot = `require('tsx/cjs/api').register(); require(${JSON.stringify(join(__dirname, 'fuzz-trace', 'worker.ts'))});`;
    const worker = new Worker(boot, { eval: true, workerData: init, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    const view = new Int32Array(state);
    const outcome = await new Promise<{ done: boolean; at: number; why?: string }>((resolve) => {
      let last = -1;
      let since = Date.now();
      const watch = setInterval(() => {
        const now = Atomics.load(view, 0);
        if (now !== last) [last, since] = [now, Date.now()];
        else if (Date.now() - since > HANG_MS) resolve({ done: false, at: now, why: `still reading after ${HANG_MS} ms` });
      }, 1000);
      worker.on('message', (m: { type: string; index: number; description: string; detail: string; read: number; refused: number }) => {
        if (m.type === 'crash') void saveCrasher(corpus, seed, m.index, m.detail).then((f) => crashes.push(f));
        if (m.type === 'done') {
          read += m.read;
          refused += m.refused;
          clearInterval(watch);
          resolve({ done: true, at: end });
        }
      });
      worker.on('error', (error) => resolve({ done: false, at: Atomics.load(view, 0), why: error.stack ?? error.message }));
      worker.on('exit', () => resolve({ done: false, at: Atomics.load(view, 0), why: 'worker exited early' }));
    });
    await worker.terminate();
    if (outcome.done) break;
    crashes.push(await saveCrasher(corpus, seed, outcome.at, outcome.why ?? ''));
    from = outcome.at + 1;
  }
  const tried = read + refused + crashes.length;
  console.log(`fuzz:trace: ${tried} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s: ${read} read as traces, ${refused} refused with a TraceError, ${crashes.length} crashes or hangs${crashes.length ? `:\n  ${crashes.join('\n  ')}` : ''}`);
  return crashes.length === 0 ? 0 : 1;
}

main().then((status) => process.exit(status), (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
