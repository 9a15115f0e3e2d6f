/**
 * Where the go command is, in the order a vscode-go user expects: our machine-scoped
 * `goProfiler.goPath`, then vscode-go's `go.alternateTools.go`, then `go.goroot`'s bin/go,
 * then PATH. Pure: file checks are passed in.
 */
import { delimiter, isAbsolute, join } from 'node:path';

export interface GoLookupSettings {
  readonly goPath?: string;
  readonly alternateGo?: string;
  readonly goroot?: string;
  readonly pathVariable: string;
  readonly platform: NodeJS.Platform;
}

export interface GoCandidate {
  readonly path: string;
  /** Which setting (or PATH) named it, for messages. */
  readonly from: string;
}

export type GoLookup = { readonly found: GoCandidate } | { readonly found?: undefined; readonly tried: readonly GoCandidate[]; readonly problem: string };

function onPath(name: string, settings: GoLookupSettings, from: string): GoCandidate[] {
  return settings.pathVariable
    .split(delimiter)
    .filter((d) => d !== '')
    .map((dir) => ({ path: join(dir, name), from }));
}

export function goCandidates(settings: GoLookupSettings): GoCandidate[] {
  const exe = settings.platform === 'win32' ? 'go.exe' : 'go';
  const out: GoCandidate[] = [];
  const goPath = settings.goPath?.trim();
  // An explicit setting is the user's word: no fallback past it (see lookupGo).
  if (goPath) return [{ path: goPath, from: 'goProfiler.goPath' }];
  const alternate = settings.alternateGo?.trim();
  if (alternate) {
    if (isAbsolute(alternate)) out.push({ path: alternate, from: 'go.alternateTools.go' });
    else out.push(...onPath(alternate, settings, 'go.alternateTools.go'));
  }
  const goroot = settings.goroot?.trim();
  if (goroot) out.push({ path: join(goroot, 'bin', exe), from: 'go.goroot' });
  out.push(...onPath(exe, settings, 'PATH'));
  return out;
}

export function lookupGo(settings: GoLookupSettings, isExecutable: (path: string) => boolean): GoLookup {
  const tried = goCandidates(settings);
  const found = tried.find((c) => isExecutable(c.path));
  if (found) return { found };
  const problem = settings.goPath?.trim()
    ? `goProfiler.goPath is set to ${settings.goPath.trim()}, which is not an executable file`
    : 'the go command was not found (looked at go.alternateTools, go.goroot and PATH)';
  return { tried, problem };
}
