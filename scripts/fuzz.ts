/**
 * npm run fuzz: mutated real profiles (and generated hostile ones) through the decoder and
 * the analysis, on at most 2 worker threads, until --count inputs or --seconds pass. Every
 * input must end in a Profile or a ProfileError within the per-input bound; a crash, a hang
 * or a worker out of memory is saved under test/fixtures/crashers/ with its seed and index.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { giantInput, GIANT_INDEX } from './fuzz/big';
import { parseFuzzArgs, type FuzzArgs } from './fuzz/args';
import { loadCorpus } from './fuzz/corpus';
import { writeCrasher } from './fuzz/crashers';
import { inputAt, type CorpusEntry, type FuzzInput, type MutationClass } from './fuzz/generate';
import type { CrashReport, WorkerMessage } from './fuzz/messages';
import { SharedState } from './fuzz/shared-state';
import type { WorkerInit } from './fuzz/worker';

const CLASSES: readonly MutationClass[] = ['bytes', 'structural'];
const MB = 1024 * 1024;

interface Slot {
  readonly state: SharedState;
  /** Counts of earlier incarnations of this slot's worker (restarted after a hang or death). */
  readonly earlier: { tried: number; decoded: number; profileErrors: number; crashes: number; maxMs: number; maxAnalysisMs: number; maxHeapBytes: number };
  worker: Worker | undefined;
  finished: boolean;
}

const boot = (file: string): string => `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`;

async function main(args: FuzzArgs): Promise<number> {
  const started = Date.now();
  const deadline = started + args.seconds * 1000;
  const corpus: CorpusEntry[] = await loadCorpus();
  const end = args.from + args.count;
  console.log(`fuzz: seed ${args.seed}, inputs ${args.from}..${end - 1}, ${args.workers} worker(s), ${corpus.length} real profiles (${corpus.map((c) => c.name).join(', ')}), at most ${args.seconds} s`);
  let slowest = { ms: 0, input: '' };
  let slowestAnalysis = { ms: 0, input: '' };
  let giantLine = '';
  let maxRss = 0;
  const pending: Promise<unknown>[] = [];
  const crashFiles: string[] = [];
  const saveCrash = (report: CrashReport): void => {
    console.log(`CRASH #${report.index} ${report.description}\n  ${report.detail.split('\n').slice(0, 4).join('\n  ')}`);
    pending.push(writeCrasher(args.seed, report).then((f) => crashFiles.push(f)));
  };
  const regenerate = (index: number): FuzzInput => (index === GIANT_INDEX ? giantInput() : inputAt(corpus, args.seed, index, CLASSES));
  const slots: Slot[] = [];

  const start = (slot: Slot, w: number, first: number, giant: boolean): void => {
    const init: WorkerInit = { corpus, seed: args.seed, classes: CLASSES, first, stride: args.workers, end, deadline, heapEvery: 64, state: slot.state.buffer, giant };
    const worker = new Worker(boot(join(__dirname, 'fuzz', 'worker.ts')), { eval: true, workerData: init, resourceLimits: { maxOldGenerationSizeMb: args.workerHeapMb } });
    slot.worker = worker;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'crash') saveCrash(m.report);
      else if (m.type === 'slowest' && m.what === 'decode' && m.ms > slowest.ms) slowest = { ms: m.ms, input: m.input };
      else if (m.type === 'slowest' && m.what === 'analysis' && m.ms > slowestAnalysis.ms) slowestAnalysis = { ms: m.ms, input: m.input };
      else if (m.type === 'giant') giantLine = `generated input of 10,000,000 tiny samples: ${m.kind}, decoded in ${m.ms.toFixed(0)} ms, analysed in ${m.analysisMs.toFixed(0)} ms, heap ${(m.heapBytes / MB).toFixed(0)} MB`;
      else if (m.type === 'done') slot.finished = true;
    });
    worker.on('error', (error) => died(slot, w, `worker died: ${error.stack ?? error.message}`));
    worker.on('exit', () => {
      if (!slot.finished && slot.worker === worker) died(slot, w, 'worker exited early');
    });
  };

  const died = (slot: Slot, w: number, why: string): void => {
    if (slot.worker === undefined) return;
    const index = slot.state.get('current');
    void slot.worker.terminate();
    slot.worker = undefined;
    const s = slot.state;
    const e = slot.earlier;
    e.tried += s.get('tried') + 1;
    e.decoded += s.get('decoded');
    e.profileErrors += s.get('profileErrors');
    e.crashes += s.get('crashes') + 1;
    e.maxMs = Math.max(e.maxMs, s.get('maxMs'));
    e.maxAnalysisMs = Math.max(e.maxAnalysisMs, s.get('maxAnalysisMs'));
    e.maxHeapBytes = Math.max(e.maxHeapBytes, s.get('maxHeapBytes'));
    for (const k of ['tried', 'decoded', 'profileErrors', 'crashes', 'maxMs', 'maxAnalysisMs', 'maxHeapBytes', 'startedAt'] as const) s.set(k, 0);
    const input = regenerate(index);
    saveCrash({ index, description: input.description, inflater: input.inflater, detail: why, bytes: input.bytes });
    if (index + args.workers < end && Date.now() < deadline) start(slot, w, index === GIANT_INDEX ? args.from + w : index + args.workers, false);
    else slot.finished = true;
  };

  for (let w = 0; w < args.workers; w++) {
    const slot: Slot = { state: new SharedState(), earlier: { tried: 0, decoded: 0, profileErrors: 0, crashes: 0, maxMs: 0, maxAnalysisMs: 0, maxHeapBytes: 0 }, worker: undefined, finished: false };
    slots.push(slot);
    start(slot, w, args.from + w, args.giant && w === 0);
  }

  const totals = () => {
    const t = { tried: 0, decoded: 0, profileErrors: 0, crashes: 0, maxMs: 0, maxAnalysisMs: 0, maxHeapBytes: 0 };
    for (const { state, earlier } of slots) {
      t.tried += earlier.tried + state.get('tried');
      t.decoded += earlier.decoded + state.get('decoded');
      t.profileErrors += earlier.profileErrors + state.get('profileErrors');
      t.crashes += earlier.crashes + state.get('crashes');
      t.maxMs = Math.max(t.maxMs, earlier.maxMs, state.get('maxMs'));
      t.maxAnalysisMs = Math.max(t.maxAnalysisMs, earlier.maxAnalysisMs, state.get('maxAnalysisMs'));
      t.maxHeapBytes = Math.max(t.maxHeapBytes, earlier.maxHeapBytes, state.get('maxHeapBytes'));
    }
    return t;
  };

  let lastReport = Date.now();
  while (!slots.every((s) => s.finished)) {
    await new Promise((r) => setTimeout(r, 250));
    maxRss = Math.max(maxRss, process.memoryUsage.rss());
    slots.forEach((slot, w) => {
      const startedAt = slot.state.get('startedAt');
      if (slot.worker && startedAt > 0 && Date.now() - startedAt > args.hangMs) died(slot, w, `hang: still running after ${args.hangMs} ms`);
    });
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      const t = totals();
      const secs = (Date.now() - started) / 1000;
      console.log(`  ${t.tried} tried (${(t.tried / secs).toFixed(0)}/s), ${t.decoded} decoded, ${t.profileErrors} ProfileErrors, ${t.crashes} crashes, max decode ${t.maxMs.toFixed(1)} ms, max analysis ${t.maxAnalysisMs.toFixed(1)} ms, heap ${(t.maxHeapBytes / MB).toFixed(0)} MB, rss ${(maxRss / MB).toFixed(0)} MB, ${secs.toFixed(0)} s`);
    }
  }
  await Promise.all(pending);
  const t = totals();
  const secs = (Date.now() - started) / 1000;
  if (giantLine) console.log(giantLine);
  console.log(`slowest decode: ${slowest.ms.toFixed(1)} ms, ${slowest.input}`);
  console.log(`slowest analysis (buildStacks + topTable, runs cross-check on every 4th input): ${slowestAnalysis.ms.toFixed(1)} ms, ${slowestAnalysis.input}`);
  for (const f of crashFiles) console.log(`crasher saved: ${f}`);
  const slow = t.maxMs > args.boundMs;
  console.log(
    `fuzz summary: seed ${args.seed}, inputs tried ${t.tried}, decoded ${t.decoded}, ProfileErrors ${t.profileErrors}, crashes ${t.crashes}, ` +
      `max ms per input ${t.maxMs.toFixed(1)} (decode; bound ${args.boundMs}), max analysis ms ${t.maxAnalysisMs.toFixed(1)}, max heap MB ${(t.maxHeapBytes / MB).toFixed(0)}, max RSS MB ${(maxRss / MB).toFixed(0)}, ${secs.toFixed(0)} s`,
  );
  return t.crashes > 0 || slow ? 1 : 0;
}

main(parseFuzzArgs(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
