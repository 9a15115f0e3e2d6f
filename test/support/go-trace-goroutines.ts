/**
 * go tool trace's goroutine analysis as the oracle: the tool run as a web server on a trace
 * (-http=127.0.0.1:0), its "Goroutines" page read for the groups and each group's page for
 * every goroutine's times, parsed strictly (Go duration strings to exact nanoseconds).
 */
import { spawn } from 'node:child_process';
import { goEnv } from './go-fixtures';

export interface OracleGoroutine {
  readonly id: number;
  readonly group: string;
  readonly total: number;
  /** Column heading ("Execution time", "Block time (sync)", "range: GC mark assist", ...) to nanoseconds. */
  readonly columns: ReadonlyMap<string, number>;
}

const UNITS: Readonly<Record<string, number>> = { h: 3600e9, m: 60e9, s: 1e9, ms: 1e6, 'µs': 1e3, us: 1e3, ns: 1 };

/** A Go time.Duration string ("1m2.5s", "4.4944ms", "0s") in nanoseconds, exactly. */
export function parseGoDuration(text: string): number {
  const s = text.trim();
  if (s === '0s') return 0;
  let ns = 0;
  let rest = s;
  while (rest !== '') {
    const m = /^(\d+)(?:\.(\d+))?(h|ms|m|s|µs|us|ns)/.exec(rest);
    if (m === null) throw new Error(`not a Go duration: "${text}"`);
    const unit = UNITS[m[3]!]!;
    const fraction = m[2] ?? '';
    // Integer arithmetic on the digits: "4.4944" ms is 4 ms + 4944 × 10^-4 ms.
    ns += Number(m[1]) * unit + (fraction === '' ? 0 : Math.round((Number(fraction) * unit) / 10 ** fraction.length));
    rest = rest.slice(m[0].length);
  }
  return ns;
}

const text = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#34;/g, '"').replace(/&#39;/g, "'").trim();

/** Every goroutine of every group go tool trace lists for `file`. */
export async function goroutinesByGoTool(file: string): Promise<OracleGoroutine[]> {
  const child = spawn('go', ['tool', 'trace', '-http=127.0.0.1:0', file], { env: { ...goEnv(), BROWSER: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      const look = (b: Buffer): void => {
        out += b.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.on('exit', (code) => reject(new Error(`go tool trace -http exited (${code}): ${out}`)));
    });
    const get = async (path: string): Promise<string> => {
      const res = await fetch(base + path);
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return res.text();
    };
    const index = await get('/goroutines');
    const groups = [...index.matchAll(/href="\/goroutine\?name=([^"]*)">/g)].map((m) => m[1]!);
    if (groups.length === 0) throw new Error('go tool trace listed no goroutine groups');
    const out: OracleGoroutine[] = [];
    for (const encoded of groups) {
      const page = await get(`/goroutine?name=${encoded}`);
      const group = decodeURIComponent(encoded.replace(/&amp;/g, '&'));
      // The breakdown table (non-overlapping times), then the special ranges (GC mark assist, ...).
      const [, breakdown = '', ranges = ''] = page.split('<table class="details">');
      const breakdownHeadings = [...breakdown.matchAll(/<th class="link" onclick="reloadTable\('sortby', '([^']*)'\)"/g)].map((m) => m[1]!).filter((h) => h !== 'Total time');
      const rangeHeadings = [...ranges.matchAll(/<th style="[^"]*"> ([^<]*)<\/th>/g)].map((m) => `range: ${m[1]!}`);
      const byId = new Map<number, { total: number; columns: Map<string, number> }>();
      for (const [table, headings] of [[breakdown, breakdownHeadings], [ranges, rangeHeadings]] as const) {
        for (const row of table.matchAll(/<td> <a href="\/trace\?goid=(\d+)">\d+<\/a> <\/td>\s*<td> ([^<]*) <\/td>([\s\S]*?)<\/tr>/g)) {
          const cells = [...row[3]!.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => text(m[1]!));
          if (cells.length !== headings.length) throw new Error(`goroutine ${row[1]}: ${cells.length} times for ${headings.length} columns`);
          const id = Number(row[1]);
          let g = byId.get(id);
          if (g === undefined) byId.set(id, (g = { total: parseGoDuration(row[2]!), columns: new Map() }));
          headings.forEach((h, i) => g.columns.set(h, parseGoDuration(cells[i]!)));
        }
      }
      for (const [id, g] of byId) out.push({ id, group, ...g });
    }
    return out;
  } finally {
    child.kill();
  }
}
