/**
 * What a jump to source tells the user when the file it opened is not exactly what the
 * profile names: no line recorded, another Go release's copy, or a line past the file's end.
 * Pure (no vscode), so the wording is unit-tested.
 */
import type { ReleaseMismatch } from '../analysis/source-paths';
import { formatRelease } from '../analysis/source-version';

export interface JumpFacts {
  /** The file as the profile names it. */
  readonly file: string;
  /** 1-based line the profile records; 0 when it records none. */
  readonly line: number;
  readonly functionName?: string;
  readonly mismatch?: ReleaseMismatch;
  /** Lines in the file that was opened. */
  readonly lineCount?: number;
}

/** "runtime/proc.go" for a GOROOT path; the path itself otherwise. */
function shortName(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const src = slashed.lastIndexOf('/src/');
  return src < 0 ? slashed : slashed.slice(src + '/src/'.length);
}

/** The one-line notice for this jump, or undefined when the file and line are what the profile names. */
export function jumpNotice(facts: JumpFacts): string | undefined {
  const name = facts.mismatch ? shortName(facts.file) : facts.file;
  const parts: string[] = [];
  if (facts.line <= 0) {
    parts.push(`no line recorded for ${facts.functionName ?? name}; opened its file`);
  } else if (facts.lineCount !== undefined && facts.line > facts.lineCount) {
    parts.push(`${name}:${facts.line} is past the end of the file opened (${facts.lineCount} lines); the source may have changed since the profile was taken`);
  }
  if (facts.mismatch) {
    const { profile, shown } = facts.mismatch;
    const where = facts.line > 0 ? `${name}:${facts.line}` : name;
    parts.push(`${where} is from ${formatRelease(profile)}; showing ${formatRelease(shown)}'s file, which may differ`);
  }
  return parts.length > 0 ? `Go Profiler: ${parts.join('. ')}.` : undefined;
}
