/**
 * Java's legacy text profiles ("--- heapz 1 ---", "--- contentionz 1 ---"), read as
 * `go tool pprof` reads them: "key = value" attributes, "value1 value2 @ ids" samples, then
 * one "0xID function (File.java:line)" line per symbol id. Heap samples are scaled up from
 * their 512 KiB sampling, contention samples multiplied by the sampling period.
 */
import type { JavaSymbol, LegacyProfile, LegacySample } from './legacy-encode';
import { LegacyTextError } from './legacy-text';

const ATTRIBUTE = /([\w ]+)=([\w ]+)/;
const SAMPLE = / *(\d+) +(\d+) +@ +([ x0-9a-f]*)/;
const SYMBOL = /^\s*0x([0-9a-fA-F]+)\s+(.*)\s*$/;
const FILE_LINE = /^(.*)\s+\((.+):(-?\d+)\)$/;
const PATH = /^(.*)\s+\((.*)\)$/;
const HEAP_SAMPLING_RATE = 524288;

/** The symbol of each id named in `text` (lines that are not symbols are skipped). */
export function javaSymbols(text: string): Map<bigint, JavaSymbol> {
  const out = new Map<bigint, JavaSymbol>();
  for (const raw of text.split('\n')) {
    const m = SYMBOL.exec(raw.trim());
    if (!m) continue;
    const what = m[2]!;
    let symbol: JavaSymbol;
    const fileLine = FILE_LINE.exec(what);
    const path = fileLine ? undefined : PATH.exec(what);
    if (fileLine) symbol = { name: fileLine[1]!, file: fileLine[2]!, line: Math.max(0, Number(fileLine[3])) };
    else if (path) symbol = { name: path[1]!, file: path[2]!.split('/').pop() ?? '', line: 0 };
    else symbol = { name: what.includes('generated stub/JIT') ? 'STUB' : what, file: '', line: 0 };
    out.set(BigInt(`0x${m[1]}`), symbol);
  }
  return out;
}

/** Lines that end with a line break (pprof leaves a last unterminated line out). */
function terminatedLines(text: string): string[] {
  const all = text.split('\n');
  all.pop();
  return all;
}

/** A Java heapz/contentionz profile as a LegacyProfile with its symbols, or undefined. */
export function parseJavaText(text: string): LegacyProfile | undefined {
  const [first, ...rest] = terminatedLines(text);
  const kind = first?.trim() === '--- heapz 1 ---' ? 'heap' : first?.trim() === '--- contentionz 1 ---' ? 'contention' : undefined;
  if (kind === undefined) return undefined;
  let sampleTypes: { type: string; unit: string }[] = [];
  let periodType = { type: '', unit: '' };
  let period = 0n;
  let durationNanos = 0n;
  let i = 0;
  for (; i < rest.length; i++) {
    const line = rest[i]!.trim();
    if (line === '') continue;
    const m = ATTRIBUTE.exec(line);
    if (!m) break;
    const key = `${kind}/${m[1]!.trim()}`;
    const value = m[2]!.trim();
    if (key.endsWith('/format')) {
      if (value !== 'java') return undefined;
    } else if (key === 'heap/resolution') sampleTypes = [{ type: 'inuse_objects', unit: 'count' }, { type: 'inuse_space', unit: value }];
    else if (key === 'contention/resolution') sampleTypes = [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: value }];
    else if (key === 'contention/sampling period') [periodType, period] = [{ type: 'contentions', unit: 'count' }, number(value, line)];
    else if (key === 'contention/ms since reset') durationNanos = number(value, line) * 1_000_000n;
    else return undefined;
  }
  const samples: LegacySample[] = [];
  for (; i < rest.length; i++) {
    const line = rest[i]!.trim();
    if (line === '') continue;
    const m = SAMPLE.exec(line);
    if (!m) break;
    let count = BigInt(m[2]!);
    let size = BigInt(m[1]!);
    const addrs = Array.from(m[3]!.matchAll(/0x[0-9a-f]+/g), (a) => BigInt(a[0]));
    if (kind === 'heap') {
      if (count === 0n) throw new LegacyTextError(`sample ${JSON.stringify(line)}: its second value must not be 0`);
      const bytes = size / count;
      const scale = 1 / (1 - Math.exp(-(Number(size) / Number(count)) / HEAP_SAMPLING_RATE));
      [count, size] = size === 0n ? [0n, 0n] : [BigInt(Math.trunc(Number(count) * scale)), BigInt(Math.trunc(Number(size) * scale))];
      samples.push({ values: [count, size], addrs, numLabels: [['bytes', bytes]] });
    } else {
      if (period !== 0n) [count, size] = [count * period, size * period];
      samples.push({ values: [count, size], addrs });
    }
  }
  // The symbols are read to the very end (an unterminated last line included).
  return { sampleTypes, periodType, period, durationNanos, samples, symbols: javaSymbols(text.split('\n').slice(1 + i).join('\n')) };
}

function number(value: string, line: string): bigint {
  if (!/^\d+$/.test(value)) throw new LegacyTextError(`attribute ${JSON.stringify(line)} is not a number`);
  return BigInt(value);
}
