/**
 * Which Go release a standard-library file comes from, and where that release's copy of the
 * file is on this machine. Pure: the caller passes a file system to ask.
 *
 * A profile made with Go 1.19 names runtime/proc.go:250 of Go 1.19; this machine's GOROOT may
 * hold Go 1.26, whose line 250 is something else. `go` downloads other releases into the
 * module cache as golang.org/toolchain@v0.0.1-go1.X.Y.<os>-<arch> (Go 1.21 and later), whose
 * src/ folder is that release's GOROOT/src.
 */
import type { SourceFileSystem } from './source-paths';

/** A Go 1.x release; `patch` is undefined when only "go1.19" (or a prerelease) is known. */
export interface GoRelease {
  readonly minor: number;
  readonly patch?: number;
}

/** The first "go1.N[.P]" in `text` ("go1.26.8", "go version go1.19 linux/amd64", "devel go1.27-abc"). */
export function parseGoVersion(text: string): GoRelease | undefined {
  const m = /(?:^|[^0-9A-Za-z])go1\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return m[2] === undefined ? { minor: Number(m[1]) } : { minor: Number(m[1]), patch: Number(m[2]) };
}

/**
 * The release a GOROOT path names, if its folder carries one: /usr/local/go1.19/src/...,
 * ~/sdk/go1.19.13/src/..., .../golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/src/...
 */
export function goVersionInPath(path: string): GoRelease | undefined {
  const slashed = path.replace(/\\/g, '/');
  const src = slashed.lastIndexOf('/src/');
  if (src < 0) return undefined;
  const root = slashed.slice(0, src);
  const folder = root.slice(root.lastIndexOf('/') + 1);
  const m = /^(?:go|toolchain@v0\.0\.1-go)1\.(\d+)(?:\.(\d+))?(?:\.[a-z0-9]+-[a-z0-9]+)?$/.exec(folder);
  if (!m) return undefined;
  return m[2] === undefined ? { minor: Number(m[1]) } : { minor: Number(m[1]), patch: Number(m[2]) };
}

/** "Go 1.19" or "Go 1.19.13". */
export function formatRelease(r: GoRelease): string {
  return r.patch === undefined ? `Go 1.${r.minor}` : `Go 1.${r.minor}.${r.patch}`;
}

/** Same sources as far as is known: same minor, and the same patch when both are known. */
export function sameRelease(a: GoRelease, b: GoRelease): boolean {
  return a.minor === b.minor && (a.patch === undefined || b.patch === undefined || a.patch === b.patch);
}

/** Folder (relative to GOMODCACHE) holding the toolchain modules. */
export const TOOLCHAIN_FOLDER = 'golang.org';

/** The release of a toolchain module folder name ("toolchain@v0.0.1-go1.22.3.linux-amd64"). */
function toolchainRelease(name: string): GoRelease | undefined {
  const m = /^toolchain@v0\.0\.1-go1\.(\d+)(?:\.(\d+))?\.[a-z0-9]+-[a-z0-9]+$/.exec(name);
  if (!m) return undefined;
  return m[2] === undefined ? { minor: Number(m[1]) } : { minor: Number(m[1]), patch: Number(m[2]) };
}

export interface ReleaseSource {
  /** Absolute path of the file in that release's sources. */
  readonly path: string;
  readonly release: GoRelease;
}

/**
 * The copy of standard-library file `rel` ("runtime/proc.go") from the release nearest
 * `want` in the module cache: the exact release first, else the same minor with the highest
 * patch. Undefined when no toolchain of that minor holding the file is on disk.
 */
export async function toolchainSource(
  rel: string,
  want: GoRelease,
  gomodcache: string,
  fs: SourceFileSystem,
): Promise<ReleaseSource | undefined> {
  const dir = `${gomodcache.replace(/\/+$/, '')}/${TOOLCHAIN_FOLDER}`;
  const candidates = (await fs.list(dir))
    .map((name) => ({ name, release: toolchainRelease(name) }))
    .filter((c): c is { name: string; release: GoRelease } => c.release !== undefined && c.release.minor === want.minor)
    // Exact patch first, then newest patch; the name breaks ties so the choice is stable.
    .sort(
      (a, b) =>
        Number(b.release.patch === want.patch) - Number(a.release.patch === want.patch) ||
        (b.release.patch ?? -1) - (a.release.patch ?? -1) ||
        a.name.localeCompare(b.name),
    );
  for (const c of candidates) {
    const path = `${dir}/${c.name}/src/${rel}`;
    if (await fs.exists(path)) return { path, release: c.release };
  }
  return undefined;
}
