/**
 * Legacy text profiles of threads, read as `go tool pprof` reads them: Go's count profiles
 * ("goroutine profile: total N" / "threadcreate profile: total N" of debug=1, one "count @
 * addresses" line per stack) and thread dumps ("--- Thread 7f.. (name: main/1) stack: ---"
 * blocks, optionally after a "--- threadz N ---" header; "same as previous thread" adds one to
 * the previous stack). Return addresses are moved back by one onto their call.
 */
import type { LegacyProfile, LegacySample } from './legacy-encode';
import { LegacyTextError, type LegacyText } from './legacy-text';

const COUNT_START = /^(\S+) profile: total \d+$/;
const COUNT_SAMPLE = /^(\d+) @((?: 0x[0-9a-f]+)+)$/;
const THREADZ_START = /--- threadz \d+ ---/;
const THREAD_START = /--- Thread ([0-9a-fA-F]+) \(name: (.*)\/(\d+)\) stack: ---/;
const SENTINELS = ['--- Memory map: ---', 'MAPPED_LIBRARIES:'];

const isSentinel = (line: string): boolean => SENTINELS.some((s) => line.includes(s));
const isSpaceOrComment = (line: string): boolean => line.trim() === '' || line.trim().startsWith('#');
const hexes = (line: string): bigint[] => Array.from(line.matchAll(/0x[0-9a-f]+/g), (m) => BigInt(m[0]));

/** Lines read one at a time, as Go's bufio.Scanner: text() is "" once they are used up. */
class Lines {
  private at = -1;
  constructor(private readonly all: readonly string[]) {}
  scan(): boolean {
    this.at = Math.min(this.at + 1, this.all.length);
    return this.at < this.all.length;
  }
  text(): string {
    return this.all[this.at] ?? '';
  }
  /** What follows the memory map sentinel at or after the current line ("" without one). */
  memoryMap(): string {
    while (!isSentinel(this.text()) && this.scan());
    return this.at < this.all.length ? this.all.slice(this.at + 1).join('\n') : '';
  }
}

function profileOf(type: string, samples: LegacySample[]): LegacyProfile {
  return { sampleTypes: [{ type, unit: 'count' }], periodType: { type, unit: 'count' }, period: 1n, samples };
}

/** A Go count profile, or undefined when `all` does not start like one. */
export function parseGoCount(all: readonly string[]): LegacyText | undefined {
  const lines = new Lines(all);
  while (lines.scan() && isSpaceOrComment(lines.text()));
  const start = COUNT_START.exec(lines.text());
  if (!start) return undefined;
  const samples: LegacySample[] = [];
  while (lines.scan()) {
    const line = lines.text();
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const m = COUNT_SAMPLE.exec(line);
    if (!m) throw new LegacyTextError(`not a "count @ addresses" line: ${JSON.stringify(line.slice(0, 80))}`);
    samples.push({ values: [BigInt(m[1]!)], addrs: hexes(m[2]!).map((a) => a - 1n) });
  }
  return { profile: profileOf(start[1]!, samples), memoryMap: lines.memoryMap() };
}

/** A thread dump, or undefined when `all` does not start like one. */
export function parseThreads(all: readonly string[]): LegacyText | undefined {
  const lines = new Lines(all);
  while (lines.scan() && isSpaceOrComment(lines.text()));
  let line = lines.text();
  if (THREADZ_START.test(line)) {
    while (lines.scan()) {
      line = lines.text();
      if (isSentinel(line) || line.startsWith('-')) break;
    }
  } else if (!THREAD_START.test(line)) return undefined;
  const samples: { values: bigint[]; addrs: bigint[] }[] = [];
  while (!isSentinel(line)) {
    if (line.startsWith('---- no stack trace for')) break;
    if (!THREAD_START.test(line)) return undefined; // pprof gives up on the format here too
    let addrs: bigint[] = [];
    let sameAsPrevious = false;
    line = ''; // what follows the block: "" when the lines are used up (then not a thread dump pprof reads)
    while (lines.scan()) {
      line = lines.text().trim();
      if (line === '') continue;
      if (line.startsWith('---')) break;
      if (line.includes('same as previous thread')) sameAsPrevious = true;
      else addrs.push(...hexes(line));
    }
    if (sameAsPrevious) addrs = [];
    if (addrs.length === 0) {
      const previous = samples[samples.length - 1];
      if (previous) previous.values[0]!++;
      continue;
    }
    samples.push({ values: [1n], addrs: addrs.map((a, i) => (i > 0 ? a - 1n : a)) });
  }
  for (const s of samples) if (s.addrs.length > 1 && s.addrs[0] === s.addrs[1]! + 1n) s.addrs.splice(1, 1);
  return { profile: profileOf('thread', samples), memoryMap: lines.memoryMap() };
}
