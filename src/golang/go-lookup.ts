/**
 * Where the go command is, one lookup for every caller. An explicit path (the CLI's --go,
 * the machine-scoped `goProfiler.goPath`) is used alone; otherwise vscode-go's
 * `go.alternateTools.go`, then `go.goroot`'s bin/go, then PATH. The file check is passed
 * in (tests) or is isExecutableFile.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface GoLookupSettings {
  /** An explicit path: the user's word, no fallback past it. */
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

export type GoLookup =
  | { readonly found: GoCandidate }
  | {
      readonly found?: undefined;
      readonly tried: readonly GoCandidate[];
      /** The explicit path was given and is not an executable file. */
      readonly explicit: boolean;
      /** One line in the editor's terms (its settings). */
      readonly problem: string;
    };

/** True for an existing file this process may execute. */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

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

export function lookupGo(settings: GoLookupSettings, isExecutable: (path: string) => boolean = isExecutableFile): GoLookup {
  const tried = goCandidates(settings);
  const found = tried.find((c) => isExecutable(c.path));
  if (found) return { found };
  const goPath = settings.goPath?.trim();
  const problem = goPath
    ? `goProfiler.goPath is set to ${goPath}, which is not an executable file`
    : 'the go command was not found (looked at go.alternateTools, go.goroot and PATH)';
  return { tried, explicit: goPath !== undefined && goPath !== '', problem };
}

/** Reads one editor setting, e.g. `read('go', 'goroot')` for VS Code's `go.goroot`. */
export type SettingReader = (section: 'goProfiler' | 'go', key: string) => unknown;

/** The lookup settings from the editor's settings; PATH and platform of this process. */
export function goLookupSettings(read: SettingReader): GoLookupSettings {
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const alternateTools = read('go', 'alternateTools');
  const alternateGo = typeof alternateTools === 'object' && alternateTools !== null ? (alternateTools as Record<string, unknown>)['go'] : undefined;
  return {
    goPath: text(read('goProfiler', 'goPath')),
    alternateGo: text(alternateGo),
    goroot: text(read('go', 'goroot')),
    pathVariable: process.env.PATH ?? '',
    platform: process.platform,
  };
}
