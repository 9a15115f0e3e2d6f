/**
 * Checks the provenance table of test/fixtures/external/README.md.
 * Always (offline): every corpus file has exactly one row, every row a file of that size, every
 * folder a repository. With the repository's git directory present (see mirror.ts): the row's
 * commit exists and its origin path there is a blob with exactly the file's bytes
 * (`git hash-object FILE` = the blob id of `git ls-tree COMMIT PATH`); for a row saying the
 * bytes were not found, that no commit on any ref adds or removes them. Rows of a repository
 * that is not present are skipped with a message (CI has no GitHub access).
 *
 *   node --import tsx scripts/corpus/verify-provenance.ts [--mirrors DIR]
 *
 * Exit code 1 when any check fails, each failure on one line naming the file and why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anyCommitWithBlob, blobAt, gitDirOf, mirrorDirOf, mirrorsArg, resolveCommit } from './mirror';
import { offlineFailures } from './offline';
import { blobId, corpusRoot, folderOf, readCorpusTable, type CorpusRow } from './table';

type Outcome = 'verified' | 'absent' | 'skipped' | 'failed';

/** The git check of one row against its repository's git directory. */
function checkRow(row: CorpusRow, gitDir: string): { outcome: Outcome; message?: string } {
  if (row.origin.kind === 'unrecorded') return { outcome: 'failed' }; // offlineFailures names it
  const blob = blobId(readFileSync(join(corpusRoot, row.file)));
  if (row.origin.kind === 'unknown') {
    const found = anyCommitWithBlob(gitDir, blob);
    if (found === undefined) return { outcome: 'absent' };
    return { outcome: 'failed', message: `${row.file}: said not found, but commit ${found.slice(0, 12)} adds or removes blob ${blob}` };
  }
  const { path, commit } = row.origin;
  const resolved = resolveCommit(gitDir, commit);
  if ('error' in resolved) return { outcome: 'failed', message: `${row.file}: ${resolved.error}` };
  const there = blobAt(gitDir, resolved.full, path);
  if (there === blob) return { outcome: 'verified' };
  const what = there === undefined ? 'has no such path' : `holds blob ${there}`;
  return { outcome: 'failed', message: `${row.file}: ${path} at ${commit} ${what}; the file is blob ${blob}` };
}

function main(): number {
  const mirrors = mirrorsArg(process.argv.slice(2));
  const table = readCorpusTable();
  const { repos, rows } = table;
  const failures = offlineFailures(table);
  const counts: Record<Outcome, number> = { verified: 0, absent: 0, skipped: 0, failed: 0 };
  const missing = new Set<string>();
  for (const row of rows) {
    const repo = repos.get(folderOf(row.file));
    if (repo === undefined || !existsSync(join(corpusRoot, row.file))) continue;
    const gitDir = gitDirOf(mirrors, repo);
    if (gitDir === undefined) {
      missing.add(repo);
      counts.skipped++;
      continue;
    }
    const { outcome, message } = checkRow(row, gitDir);
    counts[outcome]++;
    if (message !== undefined) failures.push(message);
  }
  for (const repo of missing) console.log(`skipped ${repo}: no git directory at ${mirrorDirOf(mirrors, repo)}`);
  for (const f of failures) console.error(`FAIL ${f}`);
  console.log(
    `${rows.length} rows: ${counts.verified} verified at their commit, ${counts.absent} confirmed not in history, ` +
      `${counts.skipped} skipped (repository not present), ${failures.length} failures`,
  );
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = main();
