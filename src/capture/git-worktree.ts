/**
 * A revision checked out into a temporary `git worktree`, so benchmarks can run at it while
 * the user's checkout is never touched; removed again (also after a failure or cancel).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureError } from './errors';
import { runTool } from './process';

async function git(args: readonly string[], cwd: string): Promise<string> {
  let run;
  try {
    run = await runTool('git', args, { cwd });
  } catch (e) {
    throw new CaptureError('bad-request', `git could not start in ${cwd}: ${(e as Error).message}`);
  }
  if (run.code !== 0) {
    const why = (run.stderr.trim().split('\n')[0] ?? '') || `exit code ${run.code}`;
    throw new CaptureError('bad-request', `git ${args[0]} failed in ${cwd}: ${why}`);
  }
  return run.stdout.trim();
}

/** The top folder of the repository holding `dir`. */
export function repositoryRoot(dir: string): Promise<string> {
  return git(['rev-parse', '--show-toplevel'], dir);
}

/** The full commit id a revision (branch, tag, HEAD~1, commit) names. */
export function resolveRevision(repo: string, rev: string): Promise<string> {
  if (rev.startsWith('-')) throw new CaptureError('bad-request', `not a revision: ${rev}`);
  return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], repo).catch(() => {
    throw new CaptureError('bad-request', `${rev} is not a commit in ${repo}`);
  });
}

/** Local and remote branches, most recently committed first (for a "compare with" pick). */
export async function listBranches(repo: string): Promise<string[]> {
  const out = await git(['for-each-ref', '--sort=-committerdate', '--format=%(refname:short)', 'refs/heads', 'refs/remotes'], repo);
  return out.split('\n').filter((b) => b !== '' && !b.endsWith('/HEAD'));
}

export interface Worktree {
  readonly dir: string;
  readonly commit: string;
  remove(): Promise<void>;
}

/** Checks `commit` out (detached) into a new temporary folder. */
export async function addWorktree(repo: string, commit: string): Promise<Worktree> {
  const parent = await mkdtemp(join(tmpdir(), 'go-profiler-rev-'));
  const dir = join(parent, 'src');
  const remove = async (): Promise<void> => {
    await git(['worktree', 'remove', '--force', dir], repo).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await git(['worktree', 'prune'], repo).catch(() => undefined);
  };
  try {
    await git(['worktree', 'add', '--detach', '--quiet', dir, commit], repo);
  } catch (e) {
    await remove();
    throw e;
  }
  return { dir, commit, remove };
}
