/**
 * A git repository made for the benchmark comparison tests: commit 1 has Slow and Steady
 * doing the same amount of work per call; commit 2 makes Slow do three times as much and
 * leaves Steady alone. Each benchmark op is a few microseconds, so short -benchtime runs do.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const MODULE = 'example.com/slowdown';
export const SLOW = `${MODULE}.Slow`;
export const STEADY = `${MODULE}.Steady`;

function source(slowRounds: number): string {
  return `package slowdown

// Sink keeps the results alive so the loops are not optimized away.
var Sink uint64

//go:noinline
func Slow(n int) uint64 {
	h := uint64(1)
	for r := 0; r < ${slowRounds}; r++ {
		for i := 0; i < n; i++ {
			h = h*31 + uint64(i)
		}
	}
	return h
}

//go:noinline
func Steady(n int) uint64 {
	h := uint64(7)
	for i := 0; i < n; i++ {
		h = h*17 ^ uint64(i)
	}
	return h
}
`;
}

const TEST = `package slowdown

import "testing"

func BenchmarkSlow(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Sink += Slow(2000)
	}
}

func BenchmarkSteady(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Sink += Steady(2000)
	}
}
`;

async function git(dir: string, ...args: string[]): Promise<string> {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  return (await exec('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env })).stdout.trim();
}

/** Makes the repository in `dir` (empty); returns the two commits. */
export async function makeSlowdownRepo(dir: string): Promise<{ before: string; after: string }> {
  await git(dir, 'init', '--quiet');
  await writeFile(join(dir, 'go.mod'), `module ${MODULE}\n\ngo 1.22\n`);
  await writeFile(join(dir, 'work.go'), source(1));
  await writeFile(join(dir, 'work_test.go'), TEST);
  await git(dir, 'add', '.');
  await git(dir, 'commit', '--quiet', '-m', 'same work');
  const before = await git(dir, 'rev-parse', 'HEAD');
  await writeFile(join(dir, 'work.go'), source(3));
  await git(dir, 'commit', '--quiet', '-am', 'Slow does three times the work');
  const after = await git(dir, 'rev-parse', 'HEAD');
  return { before, after };
}

/** `git worktree list` of the repository, one line per worktree. */
export async function worktreeList(dir: string): Promise<string[]> {
  return (await git(dir, 'worktree', 'list', '--porcelain')).split('\n').filter((l) => l.startsWith('worktree '));
}

export async function gitStatus(dir: string): Promise<string> {
  return git(dir, 'status', '--porcelain');
}
