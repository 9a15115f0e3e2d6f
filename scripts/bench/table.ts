/** Plain-text table and number formatting for the benchmark report. */

export function formatMs(ms: number | string | undefined): string {
  if (ms === undefined) return 'n/a';
  if (typeof ms === 'string') return ms;
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'n/a';
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(2)} GB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(0)} KB`;
}

export function formatRatio(ratio: number | undefined): string {
  return ratio === undefined || !Number.isFinite(ratio) ? 'n/a' : `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

/** Left-aligns the first column and right-aligns the others. */
export function renderTable(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(headings), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
