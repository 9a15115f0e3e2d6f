/** `go tool pprof -tags` output parsed: each label key with its values, as printed. */

export interface PprofTagRow {
  readonly value: string;
  /** As pprof prints it, e.g. "2MB" or, with -unit=ns, "410000000ns". */
  readonly total: string;
  /** Without pprof's padding, e.g. "84.27%". */
  readonly percent: string;
}

export function parsePprofTags(text: string): Map<string, PprofTagRow[]> {
  const keys = new Map<string, PprofTagRow[]>();
  let rows: PprofTagRow[] | undefined;
  for (const line of text.split('\n')) {
    const key = /^\s*(\S+): Total /.exec(line);
    if (key) {
      rows = [];
      keys.set(key[1]!, rows);
      continue;
    }
    const row = /^\s+(\S+) \(\s*([\d.]+%)\): (.+)$/.exec(line);
    if (row && rows) rows.push({ total: row[1]!, percent: row[2]!, value: row[3]! });
    else if (line.trim() !== '') throw new Error(`not a line of go tool pprof -tags: ${JSON.stringify(line)}`);
  }
  return keys;
}
