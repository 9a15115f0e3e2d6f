/** The fuzz input with a given index: a pure function of (corpus, seed, index), so any crasher can be made again. */
import { mutate, seededRandom, type Mutation } from '../../test/support/profile-mutations';

export interface TraceFuzzInit {
  readonly corpus: readonly Uint8Array[];
  readonly seed: number;
  readonly first: number;
  readonly end: number;
  readonly deadline: number;
  /** One Int32: the index being read. */
  readonly state: SharedArrayBuffer;
}

export function traceInput(corpus: readonly Uint8Array[], seed: number, index: number): Mutation {
  const random = seededRandom((Math.imul(seed, 0x9e3779b1) ^ index) >>> 0);
  const input = corpus[index % corpus.length]!;
  return mutate(input, random);
}
