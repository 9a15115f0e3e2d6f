/** Runs `go tool pprof -top` with exact integer values and parses what it prints. */
import { execFileSync } from 'node:child_process';

export interface PprofRow {
  readonly flat: number;
  readonly cum: number;
}

export interface PprofTop {
  /** "Total samples = N" (all samples, before filters). */
  readonly total: number;
  /** "Showing nodes accounting for N": with every node shown, the kept samples' total. */
  readonly shown: number;
  /** By name as printed, without pprof's " (inline)" marks. */
  readonly rows: Map<string, PprofRow>;
  /** Names in pprof's order. */
  readonly names: string[];
}

export function pprofTop(file: string, extra: readonly string[] = []): PprofTop {
  const unit = 'ns';
  const out = execFileSync(
    'go',
    ['tool', 'pprof', '-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', `-unit=${unit}`, ...extra, file],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const number = (s: string): number => Number(s.replace(/[a-zA-Z]+$/, ''));
  const totalMatch = /Total samples = (\d+)/.exec(out) ?? /of (\d+)\S* total/.exec(out);
  const shownMatch = /accounting for (\d+)/.exec(out);
  const rows = new Map<string, PprofRow>();
  const names: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+(.*)$/.exec(line);
    if (!m) continue;
    const name = m[3]!.replace(/ \((partial-)?inline\)$/, '');
    rows.set(name, { flat: number(m[1]!), cum: number(m[2]!) });
    names.push(name);
  }
  return { total: totalMatch ? Number(totalMatch[1]) : NaN, shown: shownMatch ? Number(shownMatch[1]) : NaN, rows, names };
}
