/** Asks the go command about a package: `go list -json` and the toolchain's version. */
import { CaptureError } from './errors';
import { runTool } from './process';

export interface GoPackage {
  /** The package pattern as given, e.g. "./cmd/server", or the .go files it was named by. */
  readonly pattern: string;
  readonly importPath: string;
  readonly name: string;
  /** Absolute folder of the package's sources. */
  readonly dir: string;
  /** File names (relative to dir) of the package's non-test Go files in this build. */
  readonly goFiles: readonly string[];
  readonly module: { readonly path: string; readonly root: string } | undefined;
  /** Import paths of every package it depends on, directly or not (standard library included). */
  readonly deps: readonly string[];
  /** e.g. "go1.26.8". */
  readonly goVersion: string;
}

interface GoListJson {
  ImportPath?: unknown;
  Name?: unknown;
  Dir?: unknown;
  GoFiles?: unknown;
  Deps?: unknown;
  Module?: { Path?: unknown; Dir?: unknown };
  Error?: { Err?: unknown };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** Parses `go list -json` output for one package (pure). */
export function parseGoList(pattern: string, stdout: string): Omit<GoPackage, 'goVersion'> {
  let parsed: GoListJson;
  try {
    parsed = JSON.parse(stdout) as GoListJson;
  } catch {
    throw new CaptureError('go-list-failed', `go list ${pattern}: expected one package (a pattern like ./... matches several)`);
  }
  if (parsed.Error && typeof parsed.Error.Err === 'string') {
    throw new CaptureError('go-list-failed', `go list ${pattern}: ${firstLine(parsed.Error.Err)}`);
  }
  const { ImportPath, Name, Dir, GoFiles, Deps, Module } = parsed;
  if (typeof ImportPath !== 'string' || typeof Name !== 'string' || typeof Dir !== 'string') {
    throw new CaptureError('go-list-failed', `go list ${pattern}: unexpected output`);
  }
  const goFiles = Array.isArray(GoFiles) ? GoFiles.filter((f): f is string => typeof f === 'string') : [];
  const deps = Array.isArray(Deps) ? Deps.filter((d): d is string => typeof d === 'string') : [];
  const module =
    Module && typeof Module.Path === 'string' && typeof Module.Dir === 'string' ? { path: Module.Path, root: Module.Dir } : undefined;
  return { pattern, importPath: ImportPath, name: Name, dir: Dir, goFiles, deps, module };
}

/**
 * True when a command-line argument names a Go file: like `go run a.go b.go ARGS`, a
 * program can be named by its files (all in one folder) instead of a package. Pure.
 */
export function isGoFileArg(arg: string): boolean {
  return arg.endsWith('.go');
}

export interface ResolveOptions {
  /** Further .go files when `pattern` is one (see isGoFileArg). */
  readonly moreFiles?: readonly string[];
  /** Interrupts the go command; the promise then rejects with a 'cancelled' CaptureError. */
  readonly signal?: AbortSignal;
}

/** Resolves `pattern` (run in `cwd`) to one package; clear errors otherwise. */
export async function resolvePackage(go: string, pattern: string, cwd: string, options: ResolveOptions = {}): Promise<GoPackage> {
  const targets = [pattern, ...(options.moreFiles ?? [])];
  const shown = targets.join(' ');
  const [list, version] = await Promise.all([
    runTool(go, ['list', '-json', '--', ...targets], { cwd, signal: options.signal }),
    runTool(go, ['env', 'GOVERSION'], { cwd, signal: options.signal }),
  ]);
  if (list.interrupted || version.interrupted) throw new CaptureError('cancelled', `go list ${shown} interrupted`);
  if (list.code !== 0) {
    throw new CaptureError('go-list-failed', `go list ${shown} failed: ${firstLine(list.stderr) || `exit code ${list.code}`}`, list.stderr);
  }
  return { ...parseGoList(shown, list.stdout), goVersion: version.stdout.trim() || 'unknown' };
}

/** Resolves `pattern` to one main package. */
export async function resolveMainPackage(go: string, pattern: string, cwd: string, options: ResolveOptions = {}): Promise<GoPackage> {
  const pkg = await resolvePackage(go, pattern, cwd, options);
  if (pkg.name !== 'main') {
    throw new CaptureError('not-a-main-package', `${pattern} is package ${pkg.name}, not a main package; pass a program's package`);
  }
  return pkg;
}

export interface MainPackageEntry {
  readonly importPath: string;
  readonly dir: string;
}

/** Parses the tab-separated lines printed by listMainPackages' `go list -f`. Pure. */
export function parseMainPackageLines(stdout: string): MainPackageEntry[] {
  return stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((parts): parts is [string, string] => parts.length === 2 && parts[0] !== '' && parts[1] !== '')
    .map(([importPath, dir]) => ({ importPath, dir }));
}

/** The main packages under `cwd` (`go list ./...`), for a "which program?" pick. */
export async function listMainPackages(go: string, cwd: string): Promise<MainPackageEntry[]> {
  const list = await runTool(go, ['list', '-e', '-f', '{{if eq .Name "main"}}{{.ImportPath}}\t{{.Dir}}{{end}}', './...'], { cwd });
  if (list.code !== 0) {
    throw new CaptureError('go-list-failed', `go list ./... in ${cwd} failed: ${firstLine(list.stderr) || `exit code ${list.code}`}`, list.stderr);
  }
  return parseMainPackageLines(list.stdout);
}
