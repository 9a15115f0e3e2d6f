/** Generated large profiles: a 100,000-frame stack, a 100-million-frame stack of inlined calls and ten million tiny samples. */
import type { FuzzInput } from './generate';
import { bytesField, concat, intField, packed, stringField } from './proto';

function header(strings: readonly string[]): number[][] {
  return [bytesField(1, [...intField(1, 1), ...intField(2, 2)]), ...strings.map((s) => stringField(6, s))];
}

/**
 * One sample whose stack is `depth` frames. Distinct: each frame its own location and
 * function. Otherwise every frame is the same location (recursion through one id).
 */
export function deepStack(depth: number, distinct: boolean): Uint8Array {
  const strings = ['', 'samples', 'count', 'main.go'];
  const parts: number[][] = [];
  const n = distinct ? depth : 1;
  for (let i = 0; i < n; i++) {
    strings.push(`main.f${i}`);
    parts.push(bytesField(5, [...intField(1, i + 1), ...intField(2, strings.length - 1), ...intField(4, 3)]));
    parts.push(bytesField(4, [...intField(1, i + 1), ...bytesField(4, [...intField(1, i + 1), ...intField(2, 10 + i)])]));
  }
  const stack = Array.from({ length: depth }, (_, i) => (distinct ? i + 1 : 1));
  parts.push(bytesField(2, [...packed(1, stack), ...packed(2, [1])]));
  return concat([...header(strings), ...parts]);
}

/**
 * One sample whose stack is one location of `lines` inlined calls (each its own function),
 * `repeats` times: lines x repeats frames once expanded.
 */
export function inlineStack(lines: number, repeats: number): Uint8Array {
  const strings = ['', 'samples', 'count', 'main.go'];
  const parts: number[][] = [];
  const locationLines: number[] = [];
  for (let i = 0; i < lines; i++) {
    strings.push(`main.f${i}`);
    parts.push(bytesField(5, [...intField(1, i + 1), ...intField(2, strings.length - 1), ...intField(4, 3)]));
    locationLines.push(...bytesField(4, [...intField(1, i + 1), ...intField(2, 10 + i)]));
  }
  parts.push(bytesField(4, [...intField(1, 1), ...locationLines]));
  parts.push(bytesField(2, [...packed(1, new Array<number>(repeats).fill(1)), ...packed(2, [1])]));
  return concat([...header(strings), ...parts]);
}

/** `count` samples of one frame and value 1 each (7 bytes per sample). */
export function manyTinySamples(count: number): Uint8Array {
  const head = concat([
    ...header(['', 'samples', 'count', 'main.tiny', 'main.go']),
    bytesField(5, [...intField(1, 1), ...intField(2, 3), ...intField(4, 4)]),
    bytesField(4, [...intField(1, 1), ...bytesField(4, [...intField(1, 1), ...intField(2, 7)])]),
  ]);
  const sample = bytesField(2, [...packed(1, [1]), ...intField(2, 1)]);
  const out = new Uint8Array(head.length + count * sample.length);
  out.set(head);
  for (let i = 0, at = head.length; i < count; i++, at += sample.length) out.set(sample, at);
  return out;
}

/** Index of the one generated 10M-sample input of a run. */
export const GIANT_INDEX = -1;
export const GIANT_SAMPLES = 10_000_000;

export function giantInput(): FuzzInput {
  return { index: GIANT_INDEX, description: `${GIANT_SAMPLES} tiny samples`, bytes: manyTinySamples(GIANT_SAMPLES), inflater: 'node' };
}
