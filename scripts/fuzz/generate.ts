/**
 * The fuzz input with a given index, a pure function of (corpus, seed, index, classes): any
 * input can be made again from the seed and index a crasher note records.
 */
import { gzipSync } from 'node:zlib';
import { mutate, seededRandom } from '../../test/support/profile-mutations';
import { deepStack, inlineStack } from './big';
import { structuralMutators, type Random } from './structural';

export interface CorpusEntry {
  readonly name: string;
  /** The profile.proto bytes (inflated). */
  readonly raw: Uint8Array;
  /** The same profile gzipped. */
  readonly gz: Uint8Array;
}

/** bytes: byte-level mutations (bit flips, truncation, ...); structural: field-aware ones. */
export type MutationClass = 'bytes' | 'structural';

export type InflaterName = 'node' | 'pako';

export interface FuzzInput {
  readonly index: number;
  readonly description: string;
  readonly bytes: Uint8Array;
  readonly inflater: InflaterName;
}

/** Inputs larger than this (inflated) are picked 1 time in 50, so they do not dominate the run. */
const LARGE_INPUT = 256 * 1024;
/** One input in this many (per class mix) is a mutated 100,000-frame stack. */
const DEEP_STACK_EVERY = 2000;

const DEEP_STACK_KINDS = ['distinct 100000', 'recursive 100000', 'inlined 1000 x 100000'];
let deepStacks: readonly Uint8Array[] | undefined;
function deepStackInputs(): readonly Uint8Array[] {
  deepStacks ??= [deepStack(100_000, true), deepStack(100_000, false), inlineStack(1000, 100_000)];
  return deepStacks;
}

function mix(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function pickEntry(corpus: readonly CorpusEntry[], random: Random): CorpusEntry {
  for (;;) {
    const entry = corpus[Math.floor(random() * corpus.length)]!;
    if (entry.raw.length <= LARGE_INPUT || random() < 0.02) return entry;
  }
}

function structural(raw: Uint8Array, random: Random): { description: string; bytes: Uint8Array } {
  const m = structuralMutators[Math.floor(random() * structuralMutators.length)]!(raw, random);
  if (random() < 0.2) {
    const second = structuralMutators[Math.floor(random() * structuralMutators.length)]!(m.bytes, random);
    return { description: `${m.description}; ${second.description}`, bytes: second.bytes };
  }
  return m;
}

export function inputAt(corpus: readonly CorpusEntry[], seed: number, index: number, classes: readonly MutationClass[]): FuzzInput {
  const random = seededRandom(mix(seed, index));
  const inflater: InflaterName = random() < 0.5 ? 'node' : 'pako';
  const cls = classes[Math.floor(random() * classes.length)]!;
  if (random() < 1 / DEEP_STACK_EVERY) {
    const deep = deepStackInputs();
    const which = Math.floor(random() * deep.length);
    const base = deep[which]!;
    const m = random() < 0.5 ? { description: 'as is', bytes: base } : structural(base, random);
    return { index, inflater, description: `deep stack ${DEEP_STACK_KINDS[which]}: ${m.description}`, bytes: m.bytes };
  }
  const entry = pickEntry(corpus, random);
  const roll = random();
  if (cls === 'structural') {
    const m = structural(entry.raw, random);
    const gzip = roll < 0.1;
    return { index, inflater, description: `${entry.name}: ${m.description}${gzip ? '; gzipped' : ''}`, bytes: gzip ? new Uint8Array(gzipSync(m.bytes, { level: 1 })) : m.bytes };
  }
  if (roll < 0.15) {
    const m = mutate(entry.gz, random);
    return { index, inflater, description: `${entry.name}.gz: ${m.description}`, bytes: m.bytes };
  }
  const m = mutate(entry.raw, random);
  return { index, inflater, description: `${entry.name}: ${m.description}`, bytes: m.bytes };
}
