/** Texts for the status bar and the Sessions view. Pure. */

/** 12_300 ms → "0:12"; 3_725_000 → "1:02:05". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "$(record) Recording CPU 0:12" (the codicon renders in the status bar). */
export function recordingStatusText(what: string, elapsedMs: number): string {
  return `$(record) Recording ${what} ${formatElapsed(elapsedMs)}`;
}
