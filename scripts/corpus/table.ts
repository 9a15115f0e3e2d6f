/**
 * The two tables of test/fixtures/external/README.md: which repository each folder comes from,
 * and one row per corpus file with its origin path and the commit at which that path holds
 * exactly the file's bytes. Also the git blob id of a file, computed without git so the
 * offline checks need no repository.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../vscode/paths';

export const corpusRoot = join(repoRoot, 'test', 'fixtures', 'external');
export const corpusReadme = join(corpusRoot, 'README.md');

/** What a row says where the bytes come from, or that they were not found. */
export type Origin =
  | { readonly kind: 'recorded'; readonly path: string; readonly commit: string }
  | { readonly kind: 'unknown'; readonly note: string }
  /** Not looked for yet: find-provenance.ts fills it in, verify-provenance.ts fails on it. */
  | { readonly kind: 'unrecorded' };

export interface CorpusRow {
  /** `<folder>/<file>` under test/fixtures/external. */
  readonly file: string;
  readonly size: number;
  readonly origin: Origin;
  /** 1-based line in the README, for messages. */
  readonly line: number;
}

export interface CorpusTable {
  /** Folder → GitHub `owner/name`. */
  readonly repos: ReadonlyMap<string, string>;
  readonly rows: readonly CorpusRow[];
}

/** Written in a row whose bytes are in no commit of the repository's history. */
export const NOT_FOUND = 'bytes not found in history';

const HEX12 = /^[0-9a-f]{12}$/;

function cellsOf(line: string): string[] {
  return line.split('|').slice(1, -1).map((c) => c.trim());
}

const unquote = (cell: string): string => cell.replace(/^`(.*)`$/, '$1');

function rowOf(cells: readonly string[], line: number): CorpusRow {
  const [file = '', size = '', path = '', commit = ''] = cells.map(unquote);
  const at = `README.md:${line}`;
  if (!/^\d+$/.test(size)) throw new Error(`${at}: size "${size}" of ${file} is not a number`);
  if (path.startsWith(NOT_FOUND)) return { file, size: Number(size), origin: { kind: 'unknown', note: path }, line };
  if (commit === 'unrecorded') return { file, size: Number(size), origin: { kind: 'unrecorded' }, line };
  if (!HEX12.test(commit)) throw new Error(`${at}: commit "${commit}" of ${file} is not 12 hex digits`);
  if (path === '' || path.includes(' ')) throw new Error(`${at}: origin path "${path}" of ${file} is not a path`);
  return { file, size: Number(size), origin: { kind: 'recorded', path, commit }, line };
}

/** Both tables of the README; a malformed row is an error naming its line. */
export function parseCorpusTable(text: string): CorpusTable {
  const repos = new Map<string, string>();
  const rows: CorpusRow[] = [];
  let table: 'repos' | 'files' | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line.startsWith('|')) {
      table = undefined;
      return;
    }
    const cells = cellsOf(line);
    if (cells[0] === 'Folder') table = 'repos';
    else if (cells[0] === 'File') table = 'files';
    else if (cells.every((c) => /^-+$/.test(c))) return;
    else if (table === 'repos') repos.set(unquote(cells[0] ?? ''), cells[1] ?? '');
    else if (table === 'files') rows.push(rowOf(cells, i + 1));
  });
  return { repos, rows };
}

export function readCorpusTable(): CorpusTable {
  return parseCorpusTable(readFileSync(corpusReadme, 'utf8'));
}

/** The table line of one row, as the README writes it. */
export function formatRow(file: string, size: number, origin: Origin): string {
  if (origin.kind === 'unknown') return `| \`${file}\` | ${size} | ${origin.note} | — |`;
  if (origin.kind === 'unrecorded') return `| \`${file}\` | ${size} | (see naming above) | unrecorded |`;
  return `| \`${file}\` | ${size} | \`${origin.path}\` | \`${origin.commit}\` |`;
}

/** The id `git hash-object` gives these bytes. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** The folder of a row's file, which names its repository in the first table. */
export const folderOf = (file: string): string => file.slice(0, file.indexOf('/'));
