/**
 * Maps a profile's source file names onto files on this machine. Pure: the caller passes the
 * workspace's modules, GOROOT, GOMODCACHE, the capture's sidecar and a file system to ask.
 *
 * Go records absolute build paths (`/home/alice/src/shop/cart/cart.go`), or with -trimpath
 * `example.com/shop/cart/cart.go` (main module), `runtime/proc.go` (standard library) and
 * `github.com/x/y@v1.2.3/z.go` (dependencies). Rules are tried in order; the first rule with
 * existing candidates decides, and several equally good existing candidates are ambiguous.
 */

import { goVersionInPath, parseGoVersion, sameRelease, toolchainSource, type GoRelease } from './source-version';
import { packageOfFunction } from '../shared/go-symbol';

/** Kept here too for its existing importers. */
export { packageOfFunction };

/** 'chosen': the user picked among ambiguous candidates; 'release': the profile's Go release from the module cache. */
export type ResolutionRule = 'exact' | 'sidecar' | 'module' | 'goroot' | 'modcache' | 'trimpath' | 'suffix' | 'chosen' | 'release';

export interface GoModule {
  /** Module path from go.mod, e.g. "example.com/shop". */
  readonly path: string;
  /** Absolute folder holding the go.mod. */
  readonly root: string;
}

export interface SourceContext {
  readonly modules: readonly GoModule[];
  readonly goroot?: string;
  readonly gomodcache?: string;
  /** This machine's `go env GOVERSION` (the release GOROOT holds), e.g. "go1.26.8". */
  readonly goVersion?: string;
  /**
   * From the capture's sidecar: where the sources were when the profile was taken, and the
   * Go release that built the program.
   */
  readonly sidecar?: { readonly sourceRoot?: string; readonly module?: GoModule; readonly goVersion?: string };
}

export interface SourceFileSystem {
  exists(path: string): Promise<boolean>;
  /** Absolute paths of workspace files with this base name (for the suffix rule). */
  findByName(baseName: string): Promise<readonly string[]>;
  /** Names in a folder; empty when it is missing or unreadable. */
  list(dir: string): Promise<readonly string[]>;
}

/** A standard-library file shown from another Go release than the one the profile names. */
export interface ReleaseMismatch {
  readonly profile: GoRelease;
  readonly shown: GoRelease;
}

export type Resolution =
  | {
      readonly kind: 'resolved';
      readonly path: string;
      readonly rule: ResolutionRule;
      readonly readOnly: boolean;
      readonly mismatch?: ReleaseMismatch;
    }
  | { readonly kind: 'ambiguous'; readonly rule: ResolutionRule; readonly candidates: readonly string[] }
  | { readonly kind: 'unresolved'; readonly reason: string };

/** Candidates that are equally good; earlier groups are better. */
export interface CandidateGroup {
  readonly rule: ResolutionRule;
  readonly paths: readonly string[];
}

/** Fewest trailing path elements a suffix match must share (directory and file name). */
export const MIN_SUFFIX_ELEMENTS = 2;

/** Slash-separated, no "." or empty elements, ".." resolved; keeps a leading "/" or "C:/". */
export function normalizePath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const rooted = slashed.startsWith('/');
  const out: string[] = [];
  for (const part of slashed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (rooted ? '/' : '') + out.join('/');
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

function join(dir: string, rest: string): string {
  return normalizePath(`${dir}/${rest}`);
}

/** `rest` of `path` under `dir`, or undefined when it is not under it. */
function under(path: string, dir: string): string | undefined {
  const d = normalizePath(dir);
  return path.startsWith(d + '/') ? path.slice(d.length + 1) : undefined;
}

/** The module cache spells upper-case letters as "!" + lower case (golang.org/x/mod/module). */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** A standard-library path starts with an element without a dot ("runtime/", "net/http/"). */
function looksStandard(rel: string): boolean {
  const first = rel.split('/')[0] ?? '';
  return rel.includes('/') && !first.includes('.') && !first.includes('@');
}

function group(rule: ResolutionRule, paths: readonly string[]): CandidateGroup[] {
  const unique = [...new Set(paths)];
  return unique.length > 0 ? [{ rule, paths: unique }] : [];
}

function sidecarGroups(file: string, ctx: SourceContext): CandidateGroup[] {
  const sidecar = ctx.sidecar;
  if (!sidecar) return [];
  const out: CandidateGroup[] = [];
  const mod = sidecar.module;
  if (mod) {
    const rel = under(file, mod.root);
    const here = ctx.modules.filter((m) => m.path === mod.path);
    if (rel !== undefined) out.push(...group('sidecar', here.map((m) => join(m.root, rel))));
  }
  if (sidecar.sourceRoot !== undefined) {
    const rel = under(file, sidecar.sourceRoot);
    const pkgDir = mod ? under(normalizePath(sidecar.sourceRoot), mod.root) : undefined;
    if (rel !== undefined && mod && pkgDir !== undefined) {
      const here = ctx.modules.filter((m) => m.path === mod.path);
      out.push(...group('sidecar', here.map((m) => join(m.root, `${pkgDir}/${rel}`))));
    }
  }
  return out;
}

/** By the function's package import path under a workspace module; longest module path first. */
function modulePackageGroups(file: string, ctx: SourceContext, functionName: string | undefined): CandidateGroup[] {
  const pkg = functionName === undefined ? undefined : packageOfFunction(functionName);
  if (pkg === undefined) return [];
  const base = file.slice(file.lastIndexOf('/') + 1);
  const matching = ctx.modules.filter((m) => pkg === m.path || pkg.startsWith(m.path + '/'));
  const lengths = [...new Set(matching.map((m) => m.path.length))].sort((a, b) => b - a);
  return lengths.flatMap((len) =>
    group(
      'module',
      matching.filter((m) => m.path.length === len).map((m) => join(m.root, `${pkg.slice(len)}/${base}`)),
    ),
  );
}

/**
 * A build path with the module's last element as a folder (".../src/shop/cart/x.go" for
 * example.com/shop): the rest is relative to the module root. Longest rest first.
 */
function moduleFolderGroups(file: string, ctx: SourceContext): CandidateGroup[] {
  const parts = file.split('/');
  const byLength = new Map<number, string[]>();
  for (const m of ctx.modules) {
    const last = m.path.slice(m.path.lastIndexOf('/') + 1);
    for (let i = 0; i < parts.length - 1; i++) {
      if (parts[i] !== last) continue;
      const rest = parts.slice(i + 1);
      const list = byLength.get(rest.length) ?? [];
      list.push(join(m.root, rest.join('/')));
      byLength.set(rest.length, list);
    }
  }
  return [...byLength].sort((a, b) => b[0] - a[0]).flatMap(([, paths]) => group('module', paths));
}

function gorootGroups(file: string, ctx: SourceContext): CandidateGroup[] {
  if (ctx.goroot === undefined) return [];
  const goroot = ctx.goroot;
  const out: CandidateGroup[] = [];
  for (let i = file.indexOf('/src/'); i >= 0; i = file.indexOf('/src/', i + 1)) {
    const rel = file.slice(i + 5);
    if (looksStandard(rel)) out.push(...group('goroot', [join(goroot, `src/${rel}`)]));
  }
  return out;
}

function modcacheGroups(file: string, ctx: SourceContext): CandidateGroup[] {
  const i = file.lastIndexOf('/pkg/mod/');
  if (ctx.gomodcache === undefined || i < 0) return [];
  const rel = file.slice(i + '/pkg/mod/'.length);
  return rel.includes('@') ? group('modcache', [join(ctx.gomodcache, rel)]) : [];
}

function trimpathGroups(file: string, ctx: SourceContext): CandidateGroup[] {
  const out: CandidateGroup[] = [];
  const versioned = /^([^@]+@[^/]+)\/(.+)$/.exec(file);
  if (versioned && ctx.gomodcache !== undefined) {
    out.push(...group('trimpath', [join(ctx.gomodcache, `${escapeModulePath(versioned[1]!)}/${versioned[2]!}`)]));
  }
  const matching = ctx.modules.filter((m) => file.startsWith(m.path + '/'));
  const lengths = [...new Set(matching.map((m) => m.path.length))].sort((a, b) => b - a);
  for (const len of lengths) {
    out.push(...group('trimpath', matching.filter((m) => m.path.length === len).map((m) => join(m.root, file.slice(len + 1)))));
  }
  if (ctx.goroot !== undefined && looksStandard(file)) out.push(...group('trimpath', [join(ctx.goroot, `src/${file}`)]));
  return out;
}

/** Every rule but the suffix search, in order. */
export function candidateGroups(profileFile: string, ctx: SourceContext, functionName?: string): CandidateGroup[] {
  const file = normalizePath(profileFile);
  if (file === '') return [];
  if (!isAbsolutePath(file)) return trimpathGroups(file, ctx);
  return [
    ...group('exact', [file]),
    ...sidecarGroups(file, ctx),
    ...modulePackageGroups(file, ctx, functionName),
    ...moduleFolderGroups(file, ctx),
    ...gorootGroups(file, ctx),
    ...modcacheGroups(file, ctx),
  ];
}

/** How many trailing path elements two paths share. */
export function sharedSuffixLength(a: string, b: string): number {
  const x = normalizePath(a).split('/');
  const y = normalizePath(b).split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n] && x[x.length - 1 - n] !== '') n++;
  return n;
}

/** The workspace files sharing the longest suffix with `file` (at least MIN_SUFFIX_ELEMENTS). */
export function bestSuffixMatches(file: string, workspaceFiles: readonly string[]): string[] {
  let best = MIN_SUFFIX_ELEMENTS;
  let out: string[] = [];
  for (const candidate of new Set(workspaceFiles.map(normalizePath))) {
    const n = sharedSuffixLength(file, candidate);
    if (n > best) {
      best = n;
      out = [candidate];
    } else if (n === best) {
      out.push(candidate);
    }
  }
  return out;
}

/** Standard-library and module-cache files are not the user's to edit. */
export function isReadOnlySource(path: string, ctx: SourceContext): boolean {
  const p = normalizePath(path);
  return [ctx.goroot, ctx.gomodcache].some((dir) => dir !== undefined && under(p, dir) !== undefined);
}

async function existing(paths: readonly string[], fs: SourceFileSystem): Promise<string[]> {
  const found = await Promise.all(paths.map((p) => fs.exists(p)));
  return paths.filter((_, i) => found[i]);
}

/**
 * When `path` is in this machine's GOROOT but the profile was built with another Go release:
 * that release's copy from the module cache, or the GOROOT file marked as a mismatch.
 * Undefined when the releases agree or either is unknown.
 */
async function matchingRelease(
  file: string,
  path: string,
  rule: ResolutionRule,
  ctx: SourceContext,
  fs: SourceFileSystem,
): Promise<Resolution | undefined> {
  const rel = ctx.goroot === undefined ? undefined : under(path, `${ctx.goroot}/src`);
  const here = ctx.goVersion === undefined ? undefined : parseGoVersion(ctx.goVersion);
  const sidecarVersion = ctx.sidecar?.goVersion;
  const wanted = (sidecarVersion === undefined ? undefined : parseGoVersion(sidecarVersion)) ?? goVersionInPath(file);
  if (rel === undefined || here === undefined || wanted === undefined || sameRelease(wanted, here)) return undefined;
  const copy = ctx.gomodcache === undefined ? undefined : await toolchainSource(rel, wanted, ctx.gomodcache, fs);
  if (copy === undefined) return { kind: 'resolved', path, rule, readOnly: true, mismatch: { profile: wanted, shown: here } };
  return {
    kind: 'resolved',
    path: copy.path,
    rule: 'release',
    readOnly: true,
    ...(sameRelease(wanted, copy.release) ? {} : { mismatch: { profile: wanted, shown: copy.release } }),
  };
}

/** Applies the rules in order and asks the file system which candidates exist. */
export async function resolveSourcePath(
  profileFile: string,
  ctx: SourceContext,
  fs: SourceFileSystem,
  functionName?: string,
): Promise<Resolution> {
  const file = normalizePath(profileFile);
  if (file === '') return { kind: 'unresolved', reason: 'the profile names no source file' };
  const resolved = (path: string, rule: ResolutionRule): Resolution => ({
    kind: 'resolved',
    path,
    rule,
    readOnly: isReadOnlySource(path, ctx),
  });
  for (const g of candidateGroups(file, ctx, functionName)) {
    const found = await existing(g.paths, fs);
    if (found.length === 1) return (await matchingRelease(file, found[0]!, g.rule, ctx, fs)) ?? resolved(found[0]!, g.rule);
    if (found.length > 1) return { kind: 'ambiguous', rule: g.rule, candidates: found };
  }
  const base = file.slice(file.lastIndexOf('/') + 1);
  const matches = bestSuffixMatches(file, await fs.findByName(base));
  if (matches.length === 1) return resolved(matches[0]!, 'suffix');
  if (matches.length > 1) return { kind: 'ambiguous', rule: 'suffix', candidates: matches.sort() };
  return { kind: 'unresolved', reason: `${file} is not on this machine and no workspace file matches it` };
}

/**
 * One profile's resolver: each file is resolved once; a choice among ambiguous candidates
 * (made by the user) is remembered and wins from then on.
 */
export class SourceResolver {
  private readonly cache = new Map<string, Promise<Resolution>>();
  private readonly chosen = new Map<string, string>();

  constructor(
    private readonly ctx: SourceContext,
    private readonly fs: SourceFileSystem,
    choices: Iterable<readonly [string, string]> = [],
  ) {
    for (const [file, path] of choices) this.chosen.set(normalizePath(file), path);
  }

  resolve(profileFile: string, functionName?: string): Promise<Resolution> {
    const file = normalizePath(profileFile);
    const choice = this.chosen.get(file);
    if (choice !== undefined) {
      return Promise.resolve({ kind: 'resolved', path: choice, rule: 'chosen', readOnly: isReadOnlySource(choice, this.ctx) });
    }
    let result = this.cache.get(file);
    if (!result) {
      result = resolveSourcePath(file, this.ctx, this.fs, functionName);
      this.cache.set(file, result);
    }
    return result;
  }

  /** Remembers the user's pick for an ambiguous file. */
  choose(profileFile: string, path: string): void {
    this.chosen.set(normalizePath(profileFile), normalizePath(path));
  }

  get context(): SourceContext {
    return this.ctx;
  }
}
