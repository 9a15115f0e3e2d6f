/** Parses the text of `go tool pprof -peek` (printed in the base unit) for fidelity tests. */
import { parsePprofValue } from './go-pprof';

export interface PeekBlock {
  name: string;
  flat: number;
  cum: number;
  callers: string[];
  callees: string[];
}

const SEPARATOR = '----------------------------------------------------------+-------------';
const nodeLine = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+\| (.*)$/;
const edgeLine = /^\s+(\S+)\s+\S+%\s+\| {3}(.*)$/;

/** The blocks of `pprof -peek` text printed in the base unit; edges as "name weight[ (inline)]". */
export function parsePeek(text: string): PeekBlock[] {
  const blocks: PeekBlock[] = [];
  const parts = text.split(SEPARATOR + '\n').slice(2);
  for (const part of parts) {
    const lines = part.split('\n').filter((l) => l !== '');
    if (lines.length === 0) continue;
    let node: { name: string; flat: number; cum: number } | undefined;
    const callers: string[] = [];
    const callees: string[] = [];
    for (const line of lines) {
      const n = nodeLine.exec(line);
      if (n) {
        node = { flat: parsePprofValue(line.trim().split(/\s+/)[0] ?? '', line), cum: parsePprofValue(n[2] ?? '', line), name: n[3] ?? '' };
        continue;
      }
      const e = edgeLine.exec(line);
      if (!e) throw new Error(`cannot parse pprof -peek line "${line}"`);
      (node ? callees : callers).push(`${e[2] ?? ''} ${parsePprofValue(e[1] ?? '', line)}`);
    }
    if (!node) throw new Error(`pprof -peek block without a node line:\n${part}`);
    blocks.push({ ...node, callers, callees });
  }
  return blocks;
}
