/**
 * Read-only questions to a local git directory of a corpus repository (a bare clone, possibly
 * partial: only trees are needed, never blob contents). `--mirrors DIR` (or
 * GO_PROFILER_MIRRORS) holds one `<owner>+<name>/repo` git directory per repository, the
 * layout the session's `fetch` tool writes; a repository without one is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const defaultMirrors = process.env['GO_PROFILER_MIRRORS'] ?? '/work/.mirror';

/** `--mirrors DIR` from argv, else the default. */
export function mirrorsArg(argv: readonly string[]): string {
  const i = argv.indexOf('--mirrors');
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : defaultMirrors;
}

/** Where the git directory of `owner/name` is under `mirrors`. */
export const mirrorDirOf = (mirrors: string, repo: string): string => join(mirrors, repo.replace('/', '+'), 'repo');

/** The git directory of `owner/name` under `mirrors`, when it is there. */
export function gitDirOf(mirrors: string, repo: string): string | undefined {
  const dir = mirrorDirOf(mirrors, repo);
  return existsSync(join(dir, 'HEAD')) ? dir : undefined;
}

/** Runs git on `gitDir`; a failure throws git's own message. */
export function git(gitDir: string, args: readonly string[]): string {
  const r = spawnSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** The full id of the commit a (short) id names, or why it names none. */
export function resolveCommit(gitDir: string, id: string): { full: string } | { error: string } {
  const r = spawnSync('git', [`--git-dir=${gitDir}`, 'rev-parse', '--verify', '--quiet', `${id}^{commit}`], { encoding: 'utf8' });
  if (r.status === 0) return { full: r.stdout.trim() };
  const why = r.stderr.includes('ambiguous') ? 'is ambiguous' : 'is no commit';
  return { error: `${id} ${why} in ${gitDir}` };
}

/** The blob id `path` has at `commit`, undefined when the path is not in that tree. */
export function blobAt(gitDir: string, commit: string, path: string): string | undefined {
  const out = git(gitDir, ['ls-tree', '--full-tree', commit, '--', path]).trim();
  const m = /^\d+ blob ([0-9a-f]{40})\t/.exec(out);
  return m?.[1];
}

/** A commit on any ref whose diff adds or removes `blob`, undefined when there is none (no rename detection: it would read blobs a partial clone lacks). */
export function anyCommitWithBlob(gitDir: string, blob: string): string | undefined {
  const out = git(gitDir, ['log', '--all', '--no-renames', '--format=%H', `--find-object=${blob}`, '-n', '1']).trim();
  return out === '' ? undefined : out;
}
