/**
 * The legacy formats `go tool pprof` reads, as pprof protobuf bytes: the binary CPU profile
 * (legacy-cpu.ts), the heap, contention, count and thread text profiles (legacy-text.ts,
 * legacy-threads.ts), with their memory maps, and Java's (legacy-java.ts). What is left (e.g.
 * growthz of Java, unknown dialects) is named by sniff.ts.
 */
import { ProfileError } from './errors';
import { LegacyCpuError, legacyCpuAsProtobuf } from './legacy-cpu';
import { encodeLegacyProfile } from './legacy-encode';
import { parseMemoryMap } from './legacy-mappings';
import { LegacyTextError, parseLegacyText } from './legacy-text';
import { parseJavaText } from './legacy-java';

/** Text that starts like a legacy text profile we read (the only text worth decoding as such). */
const TEXT_START = /^\s*(heap profile:|\S+ profile: total \d|--- (contentionz |mutex:|contention:|threadz |Thread |heapz ))/;

/** `raw` as protobuf bytes when it is a legacy profile we read; undefined otherwise. */
export function readLegacy(raw: Uint8Array, source: string, what: string): Uint8Array | undefined {
  try {
    const cpu = legacyCpuAsProtobuf(raw);
    if (cpu !== undefined) return cpu;
    const head = new TextDecoder('latin1').decode(raw.subarray(0, 64));
    if (!TEXT_START.test(head)) return undefined;
    const all = new TextDecoder('latin1').decode(raw);
    const text = parseLegacyText(all);
    if (text) return encodeLegacyProfile(text.profile, parseMemoryMap(text.memoryMap));
    const java = parseJavaText(all);
    return java && encodeLegacyProfile(java, []);
  } catch (error) {
    if (error instanceof LegacyCpuError) throw new ProfileError(source, `${what} a malformed legacy binary CPU profile: ${error.message}`);
    if (error instanceof LegacyTextError) throw new ProfileError(source, `${what} a malformed legacy text profile: ${error.message}`);
    throw error;
  }
}
