/**
 * The checks of the external corpus table that need no repository: every corpus file has exactly
 * one row, every row a file of that size in a folder of the repository table, and every row an
 * origin (a recorded path and commit, or "bytes not found"). Run by verify-provenance.ts and by
 * test/unit/corpus/external-provenance.test.ts.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusRoot, folderOf, type CorpusTable } from './table';

/** Every `<folder>/<file>` under the corpus root. */
export function corpusFiles(root = corpusRoot): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, d.name)).map((f) => `${d.name}/${f}`));
}

/** One line per failure: files without a row, rows without a file or origin, wrong sizes, unknown folders. */
export function offlineFailures({ rows, repos }: CorpusTable, root = corpusRoot): string[] {
  const failures: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const path = join(root, row.file);
    if (row.origin.kind === 'unrecorded') failures.push(`${row.file}: no origin recorded (README.md:${row.line})`);
    if (seen.has(row.file)) failures.push(`${row.file}: listed twice (README.md:${row.line})`);
    seen.add(row.file);
    if (!repos.has(folderOf(row.file))) failures.push(`${row.file}: folder "${folderOf(row.file)}" is not in the repository table`);
    if (!existsSync(path)) failures.push(`${row.file}: listed at README.md:${row.line} but no such file`);
    else if (statSync(path).size !== row.size) failures.push(`${row.file}: README says ${row.size} bytes, the file has ${statSync(path).size}`);
  }
  for (const file of corpusFiles(root)) if (!seen.has(file)) failures.push(`${file}: no row in the README table`);
  return failures;
}
