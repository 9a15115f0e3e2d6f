/** A fuzz worker thread: runs its share of the inputs and reports crashes to the main thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { giantInput, GIANT_INDEX } from './big';
import { checkInput } from './check';
import { addOutcome, emptyTally, runRange, type RangeOptions } from './harness';
import { SharedState } from './shared-state';
import type { FuzzInput } from './generate';
import type { CrashReport, WorkerMessage } from './messages';

export interface WorkerInit extends RangeOptions {
  readonly state: SharedArrayBuffer;
  /** Run the one 10,000,000-sample input first (index -1). */
  readonly giant: boolean;
}

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

function main(init: WorkerInit): void {
  const state = new SharedState(init.state);
  const tally = emptyTally();
  let maxMs = 0;
  let maxAnalysisMs = 0;
  const crash = (input: FuzzInput, detail: string): void => {
    const report: CrashReport = { index: input.index, description: input.description, inflater: input.inflater, detail, bytes: input.bytes };
    post({ type: 'crash', report });
  };
  const noteMax = (): void => {
    if (tally.maxMs > maxMs) {
      maxMs = tally.maxMs;
      post({ type: 'slowest', what: 'decode', ms: tally.maxMs, input: tally.maxMsInput });
    }
    if (tally.maxAnalysisMs > maxAnalysisMs) {
      maxAnalysisMs = tally.maxAnalysisMs;
      post({ type: 'slowest', what: 'analysis', ms: tally.maxAnalysisMs, input: tally.maxAnalysisInput });
    }
  };
  if (init.giant) {
    const input = giantInput();
    state.begin(GIANT_INDEX);
    const outcome = checkInput(input.bytes, input.inflater, true, input.index % 4 === 0);
    addOutcome(tally, input, outcome);
    // Its time is reported on its own line: the per-input bound is checked on the mutated inputs.
    tally.maxMs = 0;
    tally.maxMsInput = '';
    tally.maxAnalysisMs = 0;
    tally.maxAnalysisInput = '';
    if (outcome.kind === 'crash') crash(input, outcome.detail ?? '');
    post({ type: 'giant', ms: outcome.ms, analysisMs: outcome.analysisMs, kind: outcome.kind, heapBytes: outcome.heapBytes ?? 0 });
    state.publish(tally);
    noteMax();
  }
  runRange(init, {
    begin: (index) => state.begin(index),
    crash: (input, outcome) => crash(input, outcome.detail ?? ''),
    after: (t) => {
      state.idle();
      state.publish(t);
      noteMax();
      return false;
    },
  }, tally);
  state.idle();
  state.publish(tally);
  post({ type: 'done' });
}

main(workerData as WorkerInit);
