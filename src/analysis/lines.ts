import type { Profile } from '../pprof/profile';
import type { ReportOptions } from './options';
import { buildStacks } from './stacks';
import { frameTotals } from './top';

export interface LineCost {
  readonly line: number;
  readonly flat: number;
  readonly cum: number;
}

/**
 * Per source file, the flat and cum of every line with a cost, for editor hints: the numbers
 * `go tool pprof -list` prints beside each line (lines granularity; a line's cum counts a
 * sample once even when the line recurs in its stack). Lines of different functions that share
 * a file and line number are added together. Files are as in the profile, cleaned; lines ascend.
 */
export function lineCosts(profile: Profile, options: ReportOptions = {}): Map<string, LineCost[]> {
  const stacks = buildStacks(profile, { ...options, granularity: 'lines' });
  const { flat, cum } = frameTotals(stacks);
  const byFile = new Map<string, Map<number, { flat: number; cum: number }>>();
  stacks.frames.forEach((frame, f) => {
    if (frame.file === '' || frame.line === 0 || (flat[f] === 0 && cum[f] === 0)) return;
    let lines = byFile.get(frame.file);
    if (!lines) byFile.set(frame.file, (lines = new Map()));
    const cost = lines.get(frame.line);
    if (cost) {
      cost.flat += flat[f]!;
      cost.cum += cum[f]!;
    } else {
      lines.set(frame.line, { flat: flat[f]!, cum: cum[f]! });
    }
  });
  const out = new Map<string, LineCost[]>();
  for (const [file, lines] of byFile) {
    out.set(
      file,
      [...lines].sort((a, b) => a[0] - b[0]).map(([line, c]) => ({ line, flat: c.flat, cum: c.cum })),
    );
  }
  return out;
}
