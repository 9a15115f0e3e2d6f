/** `go-profiler list REGEX FILE [options]`: the text of `go tool pprof -list=REGEX FILE`. */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Controls } from '../analysis/printable';
import { formatSourceListing, sourceListing, sourceTextLines, trimSourcePath, type SourceText } from '../analysis/source-listing';
import { compileGoRegexp } from '../shared/go-regexp';
import { parseArgs, UsageError, type CliArgs } from './args';
import { loadProfile } from './load';
import { withViewOptions } from './view-option';

/**
 * The report flags of `list`/`disasm`: REGEX comes first, then FILE. The flag parsing is
 * `peek`'s (FILE REGEX), so the two positionals come back swapped.
 */
export function parseRegexFileArgs(command: 'list' | 'disasm', argv: readonly string[]): CliArgs & { readonly regex: string } {
  try {
    const args = parseArgs('peek', argv);
    if (args.json || args.cum || args.nodeCount !== undefined) throw new UsageError(`${command}: --json, --cum and --nodecount do not apply`);
    return { ...args, file: args.regex ?? '', regex: args.file };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (/missing/.test(error.message)) throw new UsageError(`${command}: needs REGEX and the profile FILE (see go-profiler --help)`);
    throw new UsageError(error.message.replace(/^peek:/, `${command}:`));
  }
}

export async function listCommand(argv: readonly string[], controls: Controls): Promise<string> {
  const args = await withViewOptions(parseRegexFileArgs('list', argv), process.cwd());
  const pattern = compileGoRegexp('list', args.regex);
  const profile = await loadProfile(args);
  const cwd = process.cwd();
  const listing = sourceListing(profile, args.report, pattern);
  if (listing.functions.length === 0) throw new UsageError(`list: no matches found for regexp: ${args.regex}`);
  const cache = new Map<string, SourceText>();
  return formatSourceListing(listing, (file) => {
    let text = cache.get(file);
    if (text === undefined) cache.set(file, (text = readSource(file, cwd)));
    return text;
  }, controls);
}

/** pprof's openSourceFile: absolute paths as they are, relative ones in `searchPath` and its parents. */
export function readSource(file: string, searchPath: string): SourceText {
  const path = trimSourcePath(file, searchPath);
  if (isAbsolute(path)) return readLines(path);
  for (let dir = searchPath; ; dir = dirname(dir)) {
    const text = readLines(join(dir, path));
    if ('lines' in text) return text;
    if (dirname(dir) === dir) break;
  }
  return { error: `could not find file ${path} on path ${searchPath}` };
}

/** Go's os.Open error texts for the usual failures. */
const GO_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
};

function readLines(path: string): SourceText {
  let data: string;
  try {
    data = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // pprof opens a folder, fails to read it and lists nothing, without an error.
    if (code === 'EISDIR') return { lines: [] };
    return { error: `open ${path}: ${GO_ERRORS[code] ?? (error as Error).message}` };
  }
  return { lines: sourceTextLines(data) };
}
