/** Reading what `go list` prints: one package (`-json`), or the main packages of a module (`-f`). Pure. */

/** `go list` printed something other than the one package asked for. */
export class GoListError extends Error {
  override readonly name = 'GoListError';
}

export interface GoListPackage {
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

/** The first line of a tool's output, for one-line messages. */
export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** Parses `go list -json` output for one package; a GoListError says what is wrong. */
export function parseGoList(pattern: string, stdout: string): GoListPackage {
  let parsed: GoListJson;
  try {
    parsed = JSON.parse(stdout) as GoListJson;
  } catch {
    throw new GoListError(`go list ${pattern}: expected one package (a pattern like ./... matches several)`);
  }
  if (parsed.Error && typeof parsed.Error.Err === 'string') {
    throw new GoListError(`go list ${pattern}: ${firstLine(parsed.Error.Err)}`);
  }
  const { ImportPath, Name, Dir, GoFiles, Deps, Module } = parsed;
  if (typeof ImportPath !== 'string' || typeof Name !== 'string' || typeof Dir !== 'string') {
    throw new GoListError(`go list ${pattern}: unexpected output`);
  }
  const goFiles = Array.isArray(GoFiles) ? GoFiles.filter((f): f is string => typeof f === 'string') : [];
  const deps = Array.isArray(Deps) ? Deps.filter((d): d is string => typeof d === 'string') : [];
  const module =
    Module && typeof Module.Path === 'string' && typeof Module.Dir === 'string' ? { path: Module.Path, root: Module.Dir } : undefined;
  return { pattern, importPath: ImportPath, name: Name, dir: Dir, goFiles, module, deps };
}

/** Template for `go list -f`: one tab-separated line per package. */
export const GO_LIST_MAIN_TEMPLATE = '{{.Name}}\t{{.ImportPath}}\t{{.Dir}}';

export interface MainPackage {
  readonly importPath: string;
  readonly dir: string;
}

/** The main packages in `go list -f GO_LIST_MAIN_TEMPLATE` output, sorted by import path. */
export function parseMainPackages(stdout: string): MainPackage[] {
  const out: MainPackage[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const [name, importPath, dir] = line.split('\t');
    if (name === 'main' && importPath && dir) out.push({ importPath, dir });
  }
  return out.sort((a, b) => a.importPath.localeCompare(b.importPath));
}
