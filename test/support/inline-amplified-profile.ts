/**
 * Inline amplification, as a file: one location of `lines` inlined calls (main.f0 innermost,
 * each its own function), `repeats` times in the stack of one sample of value 1. With 1,000 x
 * 100,000 it is 14 KB gzipped and 100 million frames once expanded. The bytes are the same
 * on every run (goldens are keyed by content).
 */
import { gzipSync } from 'node:zlib';
import { buildProfile, encodeProfile } from './profile-builder';

export function inlineAmplifiedProfile(lines: number, repeats: number): Uint8Array {
  const location = Array.from({ length: lines }, (_, i) => `main.f${i} main.go:${i + 1}`);
  const profile = buildProfile({ sampleTypes: [['samples', 'count']], samples: [{ stack: Array.from({ length: repeats }, () => location), values: [1] }] });
  return gzipSync(encodeProfile(profile), { level: 9 });
}
