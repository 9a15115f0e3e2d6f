/** The fuzz loop shared by the worker threads of `npm run fuzz` and the short run in `npm test`. */
import { checkInput, type Outcome } from './check';
import { inputAt, type CorpusEntry, type FuzzInput, type MutationClass } from './generate';

export interface RangeOptions {
  readonly corpus: readonly CorpusEntry[];
  readonly seed: number;
  readonly classes: readonly MutationClass[];
  /** Inputs first, first + stride, ... below `end`. */
  readonly first: number;
  readonly stride: number;
  readonly end: number;
  /** Stop (between inputs) once Date.now() passes this. */
  readonly deadline: number;
  /** Measure the heap after every this many inputs (and after each input over 1 MB). */
  readonly heapEvery: number;
}

export interface Tally {
  tried: number;
  decoded: number;
  profileErrors: number;
  crashes: number;
  /** Slowest decode (to a Profile or a ProfileError). */
  maxMs: number;
  maxMsInput: string;
  /** Slowest work after the decode: buildStacks + topTable, and the runs cross-check on every 4th input. */
  maxAnalysisMs: number;
  maxAnalysisInput: string;
  maxHeapBytes: number;
}

export function emptyTally(): Tally {
  return { tried: 0, decoded: 0, profileErrors: 0, crashes: 0, maxMs: 0, maxMsInput: '', maxAnalysisMs: 0, maxAnalysisInput: '', maxHeapBytes: 0 };
}

export function addOutcome(tally: Tally, input: FuzzInput, outcome: Outcome): void {
  tally.tried++;
  if (outcome.kind === 'profile') tally.decoded++;
  else if (outcome.kind === 'error') tally.profileErrors++;
  else tally.crashes++;
  if (outcome.ms > tally.maxMs) {
    tally.maxMs = outcome.ms;
    tally.maxMsInput = `#${input.index} ${input.description}`;
  }
  if (outcome.analysisMs > tally.maxAnalysisMs) {
    tally.maxAnalysisMs = outcome.analysisMs;
    tally.maxAnalysisInput = `#${input.index} ${input.description}`;
  }
  if (outcome.heapBytes !== undefined) tally.maxHeapBytes = Math.max(tally.maxHeapBytes, outcome.heapBytes);
}

export interface RangeHooks {
  /** Called before each input (the worker records the index for hang detection). */
  readonly begin?: (index: number) => void;
  readonly crash?: (input: FuzzInput, outcome: Outcome) => void;
  /** Called after each input; return true to stop. */
  readonly after?: (tally: Tally) => boolean;
}

export function runRange(options: RangeOptions, hooks: RangeHooks = {}, tally: Tally = emptyTally()): Tally {
  for (let index = options.first; index < options.end; index += options.stride) {
    if (Date.now() > options.deadline) break;
    hooks.begin?.(index);
    const input = inputAt(options.corpus, options.seed, index, options.classes);
    const measure = index % options.heapEvery === 0 || input.bytes.length > 1024 * 1024;
    const outcome = checkInput(input.bytes, input.inflater, measure, input.index % 4 === 0);
    addOutcome(tally, input, outcome);
    if (outcome.kind === 'crash') hooks.crash?.(input, outcome);
    if (hooks.after?.(tally) === true) break;
  }
  return tally;
}
