/**
 * Finds, for every row of the external corpus table, where its bytes come from: the path in its
 * repository (see `choose`) and the oldest commit on the default branch that adds exactly these
 * bytes there (falling back to any ref). With --write the rows are rewritten in the README; a file whose bytes
 * are in no commit gets "bytes not found in history at <repo>@<head>; origin unknown".
 * Rows of repositories without a git directory are left as they are. Check with verify-provenance.ts.
 *
 *   node --import tsx scripts/corpus/find-provenance.ts [--mirrors DIR] [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { blobAt, git, gitDirOf, mirrorsArg } from './mirror';
import { blobId, corpusReadme, corpusRoot, folderOf, formatRow, NOT_FOUND, readCorpusTable, type CorpusRow, type Origin } from './table';

interface Addition {
  readonly commit: string;
  readonly path: string;
}

/** Blob → the commits (newest first) whose diff gives a path that blob, from `git log --raw`. */
function additionsOf(rawLog: string, wanted: ReadonlySet<string>): Map<string, Addition[]> {
  const out = new Map<string, Addition[]>();
  let commit = '';
  for (const line of rawLog.split('\n')) {
    if (line.startsWith('C ')) commit = line.slice(2);
    const m = /^:\d+ \d+ [0-9a-f]{40} ([0-9a-f]{40}) [AMT]\t(.+)$/.exec(line);
    if (m === null || !wanted.has(m[1]!)) continue;
    const list = out.get(m[1]!) ?? [];
    list.push({ commit, path: m[2]! });
    out.set(m[1]!, list);
  }
  return out;
}

const rawLog = (gitDir: string, refs: readonly string[]): string =>
  git(gitDir, ['log', ...refs, '--raw', '--no-renames', '--no-abbrev', '--format=C %H']);

/**
 * The newest path that fits the corpus naming (`<folder>.<file>`: `<file>` in a directory whose
 * name starts with `<folder>`; a bare name: in a `profile/testdata` folder), else the newest path
 * at all (renamed files); and the oldest commit that adds the blob at that path.
 */
function choose(file: string, additions: readonly Addition[]): Addition {
  const name = basename(file);
  const dot = name.indexOf('.');
  const [prefix, rest] = [name.slice(0, dot), name.slice(dot + 1)];
  const fits = (path: string): boolean =>
    (path.endsWith(`/${rest}`) && path.split('/').slice(0, -1).some((dir) => dir.startsWith(prefix))) ||
    path.endsWith(`profile/testdata/${name}`);
  const path = (additions.find((a) => fits(a.path)) ?? additions[0]!).path;
  return [...additions].reverse().find((a) => a.path === path)!;
}

/** The origin of each row whose repository is present, verified with ls-tree before it is returned. */
function findOrigins(rows: readonly CorpusRow[], gitDir: string): Map<string, Origin> {
  const blobs = new Map(rows.map((r) => [r.file, blobId(readFileSync(join(corpusRoot, r.file)))]));
  const wanted = new Set(blobs.values());
  const onHead = additionsOf(rawLog(gitDir, ['HEAD']), wanted);
  const missing = new Set([...wanted].filter((b) => !onHead.has(b)));
  const onAll = missing.size === 0 ? new Map<string, Addition[]>() : additionsOf(rawLog(gitDir, ['--all']), missing);
  const head = git(gitDir, ['rev-parse', '--short=12', 'HEAD']).trim();
  const origins = new Map<string, Origin>();
  for (const row of rows) {
    const blob = blobs.get(row.file)!;
    const additions = onHead.get(blob) ?? onAll.get(blob);
    if (additions === undefined) {
      origins.set(row.file, { kind: 'unknown', note: `${NOT_FOUND} at ${head} (all refs); origin unknown` });
      continue;
    }
    const { commit, path } = choose(row.file, additions);
    if (blobAt(gitDir, commit, path) !== blob) throw new Error(`${row.file}: ${path} at ${commit} is not blob ${blob}`);
    const others = [...new Set(additions.map((a) => a.path))].filter((p) => p !== path);
    if (others.length > 0) console.error(`${row.file}: also at ${others.join(', ')}`);
    origins.set(row.file, { kind: 'recorded', path, commit: commit.slice(0, 12) });
  }
  return origins;
}

function main(): void {
  const argv = process.argv.slice(2);
  const mirrors = mirrorsArg(argv);
  const { repos, rows } = readCorpusTable();
  const origins = new Map<string, Origin>();
  for (const [folder, repo] of repos) {
    const gitDir = gitDirOf(mirrors, repo);
    if (gitDir === undefined) {
      console.error(`skipped ${repo}: no git directory under ${mirrors}`);
      continue;
    }
    for (const [file, origin] of findOrigins(rows.filter((r) => folderOf(r.file) === folder), gitDir)) origins.set(file, origin);
  }
  const lines = readFileSync(corpusReadme, 'utf8').split('\n');
  for (const row of rows) {
    const origin = origins.get(row.file);
    if (origin === undefined) continue;
    lines[row.line - 1] = formatRow(row.file, row.size, origin);
    if (!argv.includes('--write')) console.log(lines[row.line - 1]);
  }
  if (argv.includes('--write')) writeFileSync(corpusReadme, lines.join('\n'));
}

main();
