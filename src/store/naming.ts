/** File names in the profiles folder: `<program>-<type>-<timestamp>[-n].pb.gz`. Pure. */

export const PROFILE_EXTENSION = '.pb.gz';
export const SIDECAR_EXTENSION = '.json';
export const TEXT_EXTENSION = '.txt';
/** Go execution traces saved by a capture (not profiles: the Go Trace editor opens them). */
export const TRACE_EXTENSION = '.trace';

/** Extensions recognised as profiles when listing a folder. */
export const PROFILE_EXTENSIONS = ['.pb.gz', '.pprof', '.prof', '.pb'] as const;

/** A program or type name made safe for a file name on every OS. */
export function safeNamePart(name: string, fallback: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 60);
  return cleaned || fallback;
}

/** 2026-11-22T03:45:01.123Z → "20261122T034501Z" (UTC, sorts by time). */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** Stem for the n-th attempt (1 = no suffix, 2 = "-2", ...). */
export function profileStem(program: string, type: string, date: Date, attempt = 1): string {
  const base = `${safeNamePart(program, 'program')}-${safeNamePart(type, 'profile')}-${fileTimestamp(date)}`;
  return attempt <= 1 ? base : `${base}-${attempt}`;
}

/** The stem of a profile file name, or undefined if it is not a profile. */
export function stemOf(fileName: string): string | undefined {
  const ext = PROFILE_EXTENSIONS.find((e) => fileName.endsWith(e));
  return ext && fileName.length > ext.length ? fileName.slice(0, -ext.length) : undefined;
}
