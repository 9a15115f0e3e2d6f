/** Parser for the oracle's `go tool pprof -list` output, shared by the per-line tests. */
import { parsePprofValue } from './go-pprof';

/**
 * "file:line flat cum" for every costed line of a `-list` report, sorted. Relative file names
 * (printed relative to a `-trim_path` prefix) get `trimmed` put back in front.
 */
export function parsePprofList(stdout: string, trimmed: string): string[] {
  const costs = new Map<string, { flat: number; cum: number }>();
  let file = '';
  for (const line of stdout.split('\n')) {
    const routine = /^ROUTINE =+ .* in (.+)$/.exec(line);
    if (routine) {
      file = routine[1] ?? '';
      if (!file.startsWith('/')) file = `${trimmed}/${file}`;
      continue;
    }
    const m = /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(line);
    if (!m) continue;
    const value = (t: string): number => (t === '.' ? 0 : parsePprofValue(t, line));
    const key = `${file}:${m[3]}`;
    const c = costs.get(key) ?? { flat: 0, cum: 0 };
    c.flat += value(m[1] ?? '');
    c.cum += value(m[2] ?? '');
    costs.set(key, c);
  }
  return [...costs].filter(([, c]) => c.flat !== 0 || c.cum !== 0).map(([k, c]) => `${k} ${c.flat} ${c.cum}`).sort();
}
