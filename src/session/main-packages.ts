/** The workspace's main packages, from `go list -f` output. Pure. */

/** Template for `go list -f`: one tab-separated line per package. */
export const GO_LIST_MAIN_TEMPLATE = '{{.Name}}\t{{.ImportPath}}\t{{.Dir}}';

export interface MainPackage {
  readonly importPath: string;
  readonly dir: string;
}

export function parseMainPackages(stdout: string): MainPackage[] {
  const out: MainPackage[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const [name, importPath, dir] = line.split('\t');
    if (name === 'main' && importPath && dir) out.push({ importPath, dir });
  }
  return out.sort((a, b) => a.importPath.localeCompare(b.importPath));
}
