/**
 * Legacy text profiles read as `go tool pprof` reads them: heap profiles ("heap profile: ..."
 * of Go's debug=1 output and of gperftools, growthz, fragmentationz) and contention profiles
 * ("--- contention:", "--- mutex:", "--- contentionz"), each optionally followed by a memory
 * map. Every address is moved back by one onto its call. Comments ("#...") are skipped.
 * Count profiles and thread dumps: legacy-threads.ts.
 */
import type { LegacyProfile, LegacySample } from './legacy-encode';
import { parseGoCount, parseThreads } from './legacy-threads';

/** A malformed legacy text profile; the message names the line. */
export class LegacyTextError extends Error {}

const HEAP_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const GROWTH_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?/;
const FRAGMENTATION_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?/;
const HEAP_SAMPLE = /(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)/;
const CONTENTION_SAMPLE = /(\d+) *(\d+) @([ x0-9a-f]*)/;
const MEMORY_MAP_SENTINELS = ['--- Memory map: ---', 'MAPPED_LIBRARIES:'];

export interface LegacyText {
  readonly profile: LegacyProfile;
  /** What follows the samples' memory map sentinel (parseMemoryMap reads it). */
  readonly memoryMap: string;
}

const isSpaceOrComment = (line: string): boolean => line.trim() === '' || line.trim().startsWith('#');
const isSentinel = (line: string): boolean => MEMORY_MAP_SENTINELS.some((s) => line.includes(s));

function lines(text: string): string[] {
  const out = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** The addresses of a stack, each moved back by one. */
function addresses(text: string): bigint[] {
  return Array.from(text.matchAll(/0x[0-9a-f]+/g), (m) => BigInt(m[0]) - 1n);
}

/** The memory map after line `from`: the lines after its sentinel, if there is one. */
function memoryMapFrom(all: readonly string[], from: number): string {
  const at = all.findIndex((l, i) => i >= from && isSentinel(l));
  return at < 0 ? '' : all.slice(at + 1).join('\n');
}

/** A heap or contention text profile, or undefined when `text` is neither. */
export function parseLegacyText(text: string): LegacyText | undefined {
  const all = lines(text);
  // pprof's order of trial.
  return parseHeap(all) ?? parseGoCount(all) ?? parseThreads(all) ?? parseContention(all);
}

/** pprof's scaling of a sampled heap record to an estimate of all allocations. */
function unsample(count: bigint, size: bigint, rate: bigint): [bigint, bigint] {
  if (count === 0n || size === 0n) return [0n, 0n];
  if (rate <= 1n) return [count, size];
  const scale = 1 / (1 - Math.exp(-(Number(size) / Number(count)) / Number(rate)));
  return [BigInt(Math.trunc(Number(count) * scale)), BigInt(Math.trunc(Number(size) * scale))];
}

function parseHeap(all: readonly string[]): LegacyText | undefined {
  const first = all[0] ?? '';
  let sampled = false;
  let period = 1n;
  let hasAlloc = false;
  const header = HEAP_HEADER.exec(first);
  if (header) {
    const [, inuseCount, inuseSize, allocCount, allocSize, kind, rate] = header;
    const given = rate ? BigInt(rate) : 0n;
    hasAlloc = (allocCount !== inuseCount && allocCount !== '0') || (allocSize !== inuseSize && allocSize !== '0');
    if (kind === 'heapz_v2' || kind === 'heap_v2') [sampled, period] = [true, given];
    else if (kind === 'heapprofile') [sampled, period] = [false, 1n];
    else if (kind === 'heap') [sampled, period] = [true, given / 2n]; // as pprof reads Go's header
    else return undefined;
  } else if (!GROWTH_HEADER.test(first) && !FRAGMENTATION_HEADER.test(first)) return undefined;

  const samples: LegacySample[] = [];
  let i = 1;
  for (; i < all.length; i++) {
    const line = all[i]!.trim();
    if (isSpaceOrComment(line)) continue;
    if (isSentinel(line)) break;
    const m = HEAP_SAMPLE.exec(line);
    if (!m) throw new LegacyTextError(`line ${i + 1} is not a heap sample: ${JSON.stringify(line.slice(0, 80))}`);
    const values: bigint[] = [];
    let blockSize = 0n;
    const add = (countText: string, sizeText: string, what: string): void => {
      let count = BigInt(countText);
      let size = BigInt(sizeText);
      if (count === 0n && size !== 0n) throw new LegacyTextError(`line ${i + 1}: ${what} count was 0 but ${what} bytes was ${size}`);
      if (count !== 0n) {
        blockSize = size / count;
        if (sampled) [count, size] = unsample(count, size, period);
      }
      values.push(count, size);
    };
    if (hasAlloc) add(m[3]!, m[4]!, 'allocation');
    add(m[1]!, m[2]!, 'inuse');
    samples.push({ values, addrs: addresses(m[5]!), numLabels: [['bytes', blockSize]] });
  }
  const types = hasAlloc ? ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'] : ['objects', 'space'];
  return {
    profile: {
      sampleTypes: types.map((type) => ({ type, unit: type.endsWith('objects') ? 'count' : 'bytes' })),
      periodType: { type: 'space', unit: 'bytes' },
      period,
      samples,
    },
    memoryMap: memoryMapFrom(all, i),
  };
}

function parseContention(all: readonly string[]): LegacyText | undefined {
  const first = all[0] ?? '';
  if (!['--- contentionz ', '--- mutex:', '--- contention:'].some((p) => first.startsWith(p))) return undefined;
  let period = 1n;
  let cpuHz = 0n;
  let durationNanos = 0n;
  let i = 1;
  for (; i < all.length; i++) {
    const line = all[i]!.trim();
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const eq = line.indexOf('=');
    if (eq < 0) break;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    const number = (): bigint => {
      if (!/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(value)) throw new LegacyTextError(`line ${i + 1}: ${key} is not a number: ${JSON.stringify(value)}`);
      return BigInt(value.replace(/^\+/, ''));
    };
    if (key === 'cycles/second') cpuHz = number();
    else if (key === 'sampling period') period = number();
    else if (key === 'ms since reset') durationNanos = number() * 1_000_000n;
    else if (key !== 'discarded samples') return undefined; // a contention dialect pprof does not read either
  }
  const samples: LegacySample[] = [];
  for (; i < all.length; i++) {
    const line = all[i]!.trim();
    if (line.startsWith('---')) break;
    if (isSpaceOrComment(line)) continue;
    const m = CONTENTION_SAMPLE.exec(line);
    if (!m) throw new LegacyTextError(`line ${i + 1} is not a contention sample: ${JSON.stringify(line.slice(0, 80))}`);
    let cycles = BigInt(m[1]!);
    let count = BigInt(m[2]!);
    if (period > 0n) {
      if (cpuHz > 0n) cycles = BigInt(Math.trunc((Number(cycles) * Number(period)) / (Number(cpuHz) / 1e9)));
      count *= period;
    }
    samples.push({ values: [count, cycles], addrs: addresses(m[3]!) });
  }
  return {
    profile: {
      sampleTypes: [
        { type: 'contentions', unit: 'count' },
        { type: 'delay', unit: 'nanoseconds' },
      ],
      periodType: { type: 'contentions', unit: 'count' },
      period,
      durationNanos,
      samples,
    },
    memoryMap: memoryMapFrom(all, i),
  };
}
