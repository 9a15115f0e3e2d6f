/** `go tool pprof -traces` output as {value, frames} blocks (frames innermost first). */
export interface PprofTrace {
  readonly value: number;
  readonly frames: string[];
}

export function parsePprofTraces(text: string): PprofTrace[] {
  const out: PprofTrace[] = [];
  for (const block of text.split(/^-+\+-+$/m).slice(1)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const first = /^\s*(\S+)\s+(.*)$/.exec(lines[0] ?? '');
    if (!first) continue;
    const frames = [first[2]!, ...lines.slice(1).map((l) => l.trim())].map((f) => f.replace(/ \(inline\)$/, ''));
    out.push({ value: Number(first[1]), frames });
  }
  return out;
}
