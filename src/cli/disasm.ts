/** `go-profiler disasm REGEX FILE --binary BIN`: `go tool pprof -disasm=REGEX BIN FILE`'s numbers. */
import { statSync } from 'node:fs';
import { disasmListing, formatDisasm, parseObjdump } from '../analysis/disasm';
import { findGo } from '../capture/find-go';
import { runTool } from '../capture/process';
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
  const [profile, symbols] = await Promise.all([readProfileFile(args.file), objdump(binary, args.regex)]);
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

/** The functions matching `regex` in `binary`, disassembled by the Go toolchain's objdump. */
async function objdump(binary: string, regex: string): Promise<ReturnType<typeof parseObjdump>> {
  const result = await runTool(findGo(), ['tool', 'objdump', '-s', regex, binary]);
  if (result.code !== 0) {
    const why = result.stderr.trim().split('\n').pop() ?? `exit ${String(result.code)}`;
    throw new UsageError(`disasm: go tool objdump ${binary}: ${why}`);
  }
  return parseObjdump(result.stdout);
}
