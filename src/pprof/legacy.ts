/**
 * The legacy formats `go tool pprof` reads, as pprof protobuf bytes: the binary CPU profile
 * (legacy-cpu.ts) and the heap and contention text profiles (legacy-text.ts), with their memory
 * maps. Others (thread dumps, Java's formats, goroutine counts) are still named by sniff.ts.
 */
import { ProfileError } from './errors';
import { LegacyCpuError, legacyCpuAsProtobuf } from './legacy-cpu';
import { encodeLegacyProfile } from './legacy-encode';
import { parseMemoryMap } from './legacy-mappings';
import { LegacyTextError, parseLegacyText } from './legacy-text';

/** Text that starts like a heap or contention profile (the only text worth decoding as such). */
const TEXT_START = /^\s*(heap profile:|--- (contentionz |mutex:|contention:))/;

/** `raw` as protobuf bytes when it is a legacy profile we read; undefined otherwise. */
export function readLegacy(raw: Uint8Array, source: string, what: string): Uint8Array | undefined {
  try {
    const cpu = legacyCpuAsProtobuf(raw);
    if (cpu !== undefined) return cpu;
    const head = new TextDecoder('latin1').decode(raw.subarray(0, 64));
    if (!TEXT_START.test(head)) return undefined;
    const text = parseLegacyText(new TextDecoder('latin1').decode(raw));
    return text && encodeLegacyProfile(text.profile, parseMemoryMap(text.memoryMap));
  } catch (error) {
    if (error instanceof LegacyCpuError) throw new ProfileError(source, `${what} a malformed legacy binary CPU profile: ${error.message}`);
    if (error instanceof LegacyTextError) throw new ProfileError(source, `${what} a malformed legacy text profile: ${error.message}`);
    throw error;
  }
}
