/** Recently attached pprof URLs: newest first, no duplicates, at most `limit`. Pure. */

export const ATTACH_HISTORY_LIMIT = 10;

export function rememberUrl(history: readonly string[], url: string, limit = ATTACH_HISTORY_LIMIT): string[] {
  return [url, ...history.filter((u) => u !== url)].slice(0, limit);
}

/** Stored state may be anything: keep only strings. */
export function readHistory(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((u): u is string => typeof u === 'string') : [];
}
