/** Asks the go command about a package: `go list` (read by golang/go-list) and the toolchain's version. */
import { firstLine, GO_LIST_MAIN_TEMPLATE, GoListError, parseGoList, parseMainPackages, type GoListPackage, type MainPackage } from '../golang/go-list';
import { CaptureError } from './errors';
import { runTool } from './process';

export interface GoPackage extends GoListPackage {
  /** e.g. "go1.26.8". */
  readonly goVersion: string;
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
  try {
    return { ...parseGoList(shown, list.stdout), goVersion: version.stdout.trim() || 'unknown' };
  } catch (e) {
    if (e instanceof GoListError) throw new CaptureError('go-list-failed', e.message);
    throw e;
  }
}

/** Resolves `pattern` to one main package. */
export async function resolveMainPackage(go: string, pattern: string, cwd: string, options: ResolveOptions = {}): Promise<GoPackage> {
  const pkg = await resolvePackage(go, pattern, cwd, options);
  if (pkg.name !== 'main') {
    throw new CaptureError('not-a-main-package', `${pattern} is package ${pkg.name}, not a main package; pass a program's package`);
  }
  return pkg;
}

/** The main packages under `cwd` (`go list ./...`), for a "which program?" pick. */
export async function listMainPackages(go: string, cwd: string): Promise<MainPackage[]> {
  const list = await runTool(go, ['list', '-e', '-f', GO_LIST_MAIN_TEMPLATE, './...'], { cwd });
  if (list.code !== 0) {
    throw new CaptureError('go-list-failed', `go list ./... in ${cwd} failed: ${firstLine(list.stderr) || `exit code ${list.code}`}`, list.stderr);
  }
  return parseMainPackages(list.stdout);
}
