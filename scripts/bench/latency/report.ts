/** The latency figures as a table: median of the runs, every run, the goal. */
import { median } from '../measure-process';
import { formatMs, renderTable } from '../table';
import type { Figure } from './latency-bench';

export function formatLatency(figures: readonly Figure[], runs: number): string {
  const rows = figures.map((f) => [
    f.what,
    f.samples.length === 0 ? 'n/a' : formatMs(median(f.samples)),
    f.samples.map((s) => s.toFixed(0)).join(', '),
    f.stalls && f.stalls.length > 0 ? formatMs(Math.max(...f.stalls)) : '',
    f.goal,
  ]);
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.what}: ${f.note}`);
  return [
    '',
    `Latency in a real VS Code (code-server, the packaged .vsix, Chromium), medians of ${runs} runs.`,
    'painted = the flame view\'s own paint stamp; longest task = the longest \'longtask\' entry of the',
    'workbench page or a webview frame between the click and the paint.',
    '',
    renderTable(['figure', 'median', 'runs (ms)', 'longest task', 'goal'], rows),
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
  ].join('\n');
}
