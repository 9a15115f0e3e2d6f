/**
 * The legacy binary CPU profile (gperftools' profiler, and Go before pprof protobufs), read as
 * `go tool pprof` reads it. Words of 32 or 64 bits in either byte order: a header 0, 3, 0,
 * sampling period in microseconds, 0; then records "count, depth, depth addresses" up to the
 * record 0, 1, 0; then, optionally, the process's memory map as text. Return addresses but the
 * leaf's are moved back by one to land on the call; a frame that most samples share second
 * (the signal handler's) is removed, up to twice; a leaf repeated as its caller + 1 is
 * dropped. The Java kind (third word 1) keeps its addresses, which are symbol ids named by
 * the text after the samples. The result is written as a pprof protobuf for the one decoder.
 */
import { parseMemoryMap } from './legacy-mappings';
import { encodeLegacyProfile, type LegacySample } from './legacy-encode';
import { javaSymbols } from './legacy-java';

type WordReader = (at: number) => bigint;

interface Layout {
  readonly width: 4 | 8;
  readonly read: WordReader;
}

function layouts(bytes: Uint8Array): Layout[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [
    { width: 4, read: (at) => BigInt(view.getUint32(at, true)) },
    { width: 4, read: (at) => BigInt(view.getUint32(at, false)) },
    { width: 8, read: (at) => view.getBigUint64(at, true) },
    { width: 8, read: (at) => view.getBigUint64(at, false) },
  ];
}

/** The header's layout, period and kind (0 C++/Go, 1 Java) when `bytes` is a legacy CPU profile. */
function header(bytes: Uint8Array): { layout: Layout; periodMicros: bigint; java: boolean } | undefined {
  for (const layout of layouts(bytes)) {
    if (bytes.length < layout.width * 5) continue;
    const w = (i: number): bigint => layout.read(i * layout.width);
    if (w(0) === 0n && w(1) === 3n && (w(2) === 0n || w(2) === 1n) && w(3) > 0n && w(4) === 0n) return { layout, periodMicros: w(3), java: w(2) === 1n };
  }
  return undefined;
}

/** A malformed legacy CPU profile; the message says where. */
export class LegacyCpuError extends Error {}

interface Sample {
  readonly count: bigint;
  addrs: bigint[];
}

/** The profile as pprof protobuf bytes, or undefined when `bytes` is not a legacy CPU profile. */
export function legacyCpuAsProtobuf(bytes: Uint8Array): Uint8Array | undefined {
  const found = header(bytes);
  if (!found) return undefined;
  const { layout, periodMicros, java } = found;
  const { width, read } = layout;
  const samples: Sample[] = [];
  let at = width * 5;
  for (;;) {
    if (at + 2 * width > bytes.length) {
      if (at >= bytes.length) break; // no end record: the samples end with the data
      throw new LegacyCpuError(`a sample record is cut short at byte ${at}`);
    }
    const count = read(at);
    const depth = read(at + width);
    at += 2 * width;
    if (depth > BigInt(Math.floor((bytes.length - at) / 4))) throw new LegacyCpuError(`a stack of ${depth} addresses at byte ${at - width} runs past the end`);
    const addrs: bigint[] = [];
    for (let i = 0n; i < depth; i++) {
      addrs.push(at + width <= bytes.length ? read(at) : 0n);
      at += width;
    }
    if (count === 0n && depth === 1n && addrs[0] === 0n) break;
    // Java's addresses are symbol ids, not return addresses.
    samples.push({ count, addrs: java ? addrs : addrs.map((a, i) => (i > 0 ? a - 1n : a)) });
  }
  const rest = new TextDecoder('latin1').decode(bytes.subarray(Math.min(at, bytes.length)));
  const period = periodMicros * 1000n;
  const cpu = { type: 'cpu', unit: 'nanoseconds' };
  const profile = (out: LegacySample[]) => ({ sampleTypes: [{ type: 'samples', unit: 'count' }, cpu], periodType: cpu, period, samples: out });
  if (java) {
    // Then the symbols of those ids, as in Java's text profiles.
    return encodeLegacyProfile({ ...profile(samples.map((s) => ({ values: [s.count, s.count * period], addrs: s.addrs }))), symbols: javaSymbols(rest) }, []);
  }
  dropSignalFrame(samples);
  for (const s of samples) if (s.addrs.length > 1 && s.addrs[0] === s.addrs[1]! + 1n) s.addrs.splice(1, 1);
  return encodeLegacyProfile(profile(samples.map((s) => ({ values: [s.count, s.count * period], addrs: s.addrs }))), parseMemoryMap(rest));
}

/** pprof's removal of a second frame shared by all samples but one in 32 (at most twice). */
function dropSignalFrame(samples: Sample[]): void {
  const margin = Math.floor(samples.length / 32);
  for (let iteration = 0; iteration < 2; iteration++) {
    const counts = new Map<bigint, number>();
    for (const s of samples) if (s.addrs.length > 1) counts.set(s.addrs[1]!, (counts.get(s.addrs[1]!) ?? 0) + 1);
    for (const [addr, n] of counts) {
      if (n < samples.length - margin) continue;
      for (const s of samples) if (s.addrs.length > 1 && s.addrs[1] === addr) s.addrs.splice(1, 1);
      break;
    }
  }
}

