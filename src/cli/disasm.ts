/** `go-profiler disasm REGEX FILE --binary BIN`: `go tool pprof -disasm=REGEX BIN FILE`'s numbers. */
import { statSync } from 'node:fs';
import { disasmListing, formatDisasm, type ObjdumpSymbol } from '../analysis/disasm';
import { objdump } from '../capture/objdump';
import { readProfileFile } from '../pprof/read-file-node';
import { compileGoRegexp } from '../shared/go-regexp';
import { UsageError } from './args';
import { parseRegexFileArgs } from './list';

export async function disasmCommand(argv: readonly string[]): Promise<string> {
  const [binary, rest] = takeBinary(argv);
  const args = parseRegexFileArgs('disasm', rest);
  const { sampleIndex, ...others } = args.report;
  // shortNames is always set (pprof's -symbolize default); disasm names come from objdump.
  if (Object.keys(others).some((k) => k !== 'shortNames') || args.base !== undefined || args.diffBase !== undefined || args.view !== undefined) {
    throw new UsageError('disasm: only --sample-index and --binary are supported');
  }
  if (binary === undefined) throw new UsageError('disasm: give the program the profile came from with --binary BIN');
  if (!statSync(binary, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`disasm: --binary ${binary}: no such file`);
  const pattern = compileGoRegexp('disasm', args.regex);
  const [profile, symbols] = await Promise.all([readProfileFile(args.file), objdumpOrUsage(binary, args.regex)]);
  const listing = disasmListing(profile, sampleIndex, pattern, symbols);
  if (listing.routines.length === 0) throw new UsageError(`disasm: no matches found for regexp ${args.regex}`);
  return formatDisasm(listing);
}

/** `--binary BIN` / `--binary=BIN` out of the arguments, and the others. */
function takeBinary(argv: readonly string[]): [string | undefined, string[]] {
  let binary: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--?binary(?:=(.*))?$/.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    binary = m[1] ?? argv[++i];
    if (binary === undefined) throw new UsageError('flag --binary needs a value');
  }
  return [binary, rest];
}

async function objdumpOrUsage(binary: string, regex: string): Promise<ObjdumpSymbol[]> {
  try {
    return await objdump(binary, regex);
  } catch (error) {
    throw new UsageError(`disasm: ${error instanceof Error ? error.message : String(error)}`);
  }
}
